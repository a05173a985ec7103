package dev.kairos.dispatch.channels.mail;

import dev.kairos.dispatch.channels.Outgoing;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * One A4 letter as PDF. The address sits in the address field of DIN 5008 form B (20 mm from the left edge,
 * 45 mm from the top, 85 x 45 mm: a return line in its first 17.7 mm, the recipient below), which shows
 * through the window of a C6/5 or DL window envelope (DIN 680: window 90 x 45 mm, 20 mm from the left).
 * The date is written the customer's way (their locale); the text, which opens with the salutation for the
 * customer's form of address, flows onto further pages when long.
 */
final class LetterRenderer {

    static final float MM = 72f / 25.4f;
    static final float FIELD_LEFT = 20 * MM;
    static final float FIELD_TOP = 45 * MM;
    static final float FIELD_WIDTH = 85 * MM;
    static final float FIELD_HEIGHT = 45 * MM;
    private static final float RETURN_ZONE = 17.7f * MM;
    private static final float TEXT_LEFT = 25 * MM;
    private static final float TEXT_WIDTH = 165 * MM;
    private static final float TEXT_TOP = 105 * MM;
    private static final float BOTTOM = 25 * MM;
    private static final float LEADING = 14;

    private final String senderLine;
    private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);

    LetterRenderer(String senderLine) {
        this.senderLine = senderLine;
    }

    /** The PDF and its page count. */
    record Letter(byte[] pdf, int pages) {
    }

    Letter render(Outgoing m, Instant printedAt) {
        Locale locale = Locale.forLanguageTag(m.locale() == null ? "en" : m.locale().replace('_', '-'));
        String date = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale)
                .format(printedAt.atZone(ZoneOffset.UTC));
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            List<String> lines = wrap((m.subject() == null ? "" : m.subject() + "\n\n") + (m.text() == null ? "" : m.text()));
            PDPage page = newPage(doc);
            float height = page.getMediaBox().getHeight();
            try (PDPageContentStream first = new PDPageContentStream(doc, page)) {
                write(first, 7, FIELD_LEFT, height - FIELD_TOP - RETURN_ZONE + 9, senderLine);
                float y = height - FIELD_TOP - RETURN_ZONE - 12;
                for (String line : addressLines(m)) {
                    write(first, 10, FIELD_LEFT, y, line);
                    y -= 12;
                }
                write(first, 10, TEXT_LEFT + TEXT_WIDTH - width(date, 10), height - 98 * MM, date);
            }
            int pages = 1;
            float y = height - TEXT_TOP;
            PDPageContentStream body = new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.APPEND, true);
            try {
                for (String line : lines) {
                    if (y < BOTTOM) {
                        body.close();
                        page = newPage(doc);
                        pages++;
                        body = new PDPageContentStream(doc, page);
                        y = height - 25 * MM;
                    }
                    write(body, 11, TEXT_LEFT, y, line);
                    y -= LEADING;
                }
            } finally {
                body.close();
            }
            doc.save(out);
            return new Letter(out.toByteArray(), pages);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> addressLines(Outgoing m) {
        List<String> lines = new ArrayList<>();
        Outgoing.Postal p = m.postal();
        if (p == null) {
            lines.add(m.address());
            return lines;
        }
        lines.add(p.recipient());
        lines.addAll(p.lines());
        lines.add(p.postalCode() + " " + p.city());
        lines.add(new Locale("", p.country()).getDisplayCountry(Locale.ENGLISH).toUpperCase(Locale.ROOT));
        return lines;
    }

    private static PDPage newPage(PDDocument doc) {
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        return page;
    }

    private void write(PDPageContentStream stream, float size, float x, float y, String text) throws IOException {
        stream.beginText();
        stream.setFont(regular, size);
        stream.newLineAtOffset(x, y);
        stream.showText(printable(text));
        stream.endText();
    }

    private float width(String text, float size) throws IOException {
        return regular.getStringWidth(printable(text)) / 1000 * size;
    }

    /** The standard fonts print WinAnsi only: anything else (an emoji, a CJK name) becomes '?'. */
    private String printable(String text) {
        StringBuilder b = new StringBuilder();
        text.codePoints().forEach(c -> {
            String s = new String(Character.toChars(c));
            b.append(c >= 32 && encodable(s) ? s : "?");
        });
        return b.toString();
    }

    private boolean encodable(String s) {
        try {
            regular.encode(s);
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    private List<String> wrap(String text) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.split(" ")) {
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (width(candidate, 11) > TEXT_WIDTH && !line.isEmpty()) {
                    lines.add(line.toString());
                    line = new StringBuilder(word);
                } else {
                    line = new StringBuilder(candidate);
                }
            }
            lines.add(line.toString());
        }
        return lines;
    }
}
