package dev.kairos.dispatch.channels.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.dispatch.channels.LaterSends;
import dev.kairos.dispatch.channels.Outgoing;
import dev.kairos.dispatch.decision.Channel;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LettersTest {

    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
    private final LetterRenderer renderer = new LetterRenderer("Kairos - 1 rue de l'Exemple - 75001 Paris");

    @TempDir
    Path dir;

    @Test
    void theAddressSitsInTheWindowAreaAndTheDateIsInTheCustomersLanguage() throws IOException {
        LetterRenderer.Letter letter = renderer.render(letter("r-1", "fr-FR", "Bonjour Madame Durand,\nVotre offre."), NOW);

        assertThat(letter.pages()).isEqualTo(1);
        try (PDDocument pdf = Loader.loadPDF(letter.pdf())) {
            float pageHeight = pdf.getPage(0).getMediaBox().getHeight();
            List<Line> lines = lines(pdf);
            for (String addressLine : List.of("Madame Claire Durand", "12 rue des Lilas", "75011 Paris", "FRANCE")) {
                Line line = lines.stream().filter(l -> l.text().equals(addressLine)).findFirst().orElseThrow();
                float fromLeftMm = line.x() / LetterRenderer.MM;
                float fromTopMm = (line.yFromTop()) / LetterRenderer.MM;
                assertThat(fromLeftMm).as("%s from the left", addressLine).isBetween(20f, 105f);
                // DIN 5008 form B: the recipient zone of the address field, 45 + 17.7 mm to 90 mm from the top.
                assertThat(fromTopMm).as("%s from the top", addressLine).isBetween(62.7f, 90f);
            }
            assertThat(pageHeight / LetterRenderer.MM).isCloseTo(297f, org.assertj.core.data.Offset.offset(0.5f));
            assertThat(lines).extracting(Line::text).contains("4 décembre 2026", "Bonjour Madame Durand,");
        }
    }

    @Test
    void aLongTextFlowsOntoMorePages() {
        String longText = String.join("\n", java.util.Collections.nCopies(120, "Une ligne de la lettre."));

        assertThat(renderer.render(letter("r-2", "en-US", longText), NOW).pages()).isGreaterThan(1);
    }

    @Test
    void aBatchClosesWithAManifestThatMatchesItsLettersAndRecordsThemOnce() throws IOException {
        List<LaterSends.Send> recorded = new ArrayList<>();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        PrintBatches batches = new PrintBatches(dir, Clock.fixed(NOW, ZoneOffset.UTC), recorded::addAll, meters);
        batches.add(letter("r-1", "fr-FR", "Bonjour"), renderer.render(letter("r-1", "fr-FR", "Bonjour"), NOW));
        batches.add(letter("r-2", "fr-FR", "Bonjour"), renderer.render(letter("r-2", "fr-FR", "Bonjour"), NOW));
        // r-1 again, as after a crash between the mark and the record: the batch holds it once.
        batches.add(letter("r-1", "fr-FR", "Bonjour"), renderer.render(letter("r-1", "fr-FR", "Bonjour"), NOW));

        batches.cutOff();
        batches.cutOff();

        Path batch = dir.resolve("batch-20261204T100000Z");
        List<String> manifest = Files.readAllLines(batch.resolve("manifest.csv"));
        assertThat(manifest).hasSize(3).first().isEqualTo("request_id,customer_id,pages,address,sha256");
        for (String row : manifest.subList(1, 3)) {
            String request = row.substring(1, row.indexOf('"', 1));
            byte[] pdf = Files.readAllBytes(batch.resolve(request + ".mail.pdf"));
            assertThat(row).startsWith("\"" + request + "\",\"c-1\",1,\"Madame Claire Durand, 12 rue des Lilas, 75011 Paris, FRANCE\",")
                    .endsWith(PrintBatches.sha256(pdf));
        }
        assertThat(Files.readAllLines(batch.resolve("SHA256SUMS"))).hasSize(3)
                .contains(PrintBatches.sha256(Files.readAllBytes(batch.resolve("manifest.csv"))) + "  manifest.csv");
        assertThat(recorded).extracting(LaterSends.Send::requestId).containsExactly("r-2", "r-1");
        assertThat(recorded).extracting(LaterSends.Send::providerMessageId)
                .containsExactly("batch-20261204T100000Z/r-2.mail.pdf", "batch-20261204T100000Z/r-1.mail.pdf");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("batch-20261204T100000Z");
        }
        DistributionSummary sizes = meters.get("kairos.dispatch.print.batch.size").summary();
        assertThat(sizes.count()).as("one batch closed").isEqualTo(1);
        assertThat(sizes.totalAmount()).as("its letters").isEqualTo(2);
    }

    private static Outgoing letter(String requestId, String locale, String text) {
        return new Outgoing(requestId, "c-1", "promotions", true, Channel.MAIL,
                "Madame Claire Durand, 12 rue des Lilas, 75011 Paris, FR",
                new Outgoing.Postal("Madame Claire Durand", List.of("12 rue des Lilas"), "75011", "Paris", "FR"),
                locale, null, text, null, null, "FR", "camp-1", "entry-1", NOW.minusSeconds(60), null);
    }

    private record Line(String text, float x, float yFromTop) {
    }

    /** Each line of the first page with where its first glyph starts. */
    private static List<Line> lines(PDDocument pdf) throws IOException {
        List<Line> lines = new ArrayList<>();
        PDFTextStripper stripper = new PDFTextStripper() {
            @Override
            protected void writeString(String text, List<TextPosition> positions) {
                TextPosition first = positions.get(0);
                lines.add(new Line(text, first.getXDirAdj(), first.getYDirAdj()));
            }
        };
        stripper.setStartPage(1);
        stripper.setEndPage(1);
        stripper.getText(pdf);
        return lines;
    }
}
