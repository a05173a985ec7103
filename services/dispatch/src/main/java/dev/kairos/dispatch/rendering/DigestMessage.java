package dev.kairos.dispatch.rendering;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import dev.kairos.dispatch.decision.Channel;
import dev.kairos.dispatch.decision.RequestRule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One digest message listing its items, in the customer's language (French or English): a greeting by their
 * form of address, each item's subject and text, and the links to their preferences and to stop the topic.
 * Items' texts are cut to an excerpt so that a digest stays a summary of bounded size; the HTML part escapes
 * everything it lists. A text message lists shorter excerpts, carries no links (STOP is the way out of texts)
 * and never exceeds the ten segments a request's own text may have.
 */
public final class DigestMessage {

    /** One item: its rendered subject (null on channels without one) and text. */
    public record Item(String subject, String text) {
    }

    /** The rendered parts; subject and HTML only for email. */
    public record Parts(String subject, String text, String html) {
    }

    private static final int EXCERPT = 1_000;
    private static final int SMS_EXCERPT = 140;
    private static final String ELLIPSIS = "…";
    private static final Map<String, Template> TEMPLATES = new HashMap<>();

    static {
        for (String language : List.of("fr", "en")) {
            for (String part : List.of("subject", "text", "html")) {
                boolean html = part.equals("html");
                TEMPLATES.put(language + "." + part, Mustache.compiler().escapeHTML(html).defaultValue("")
                        .compile(resource("digest/" + language + "." + part + ".mustache")));
            }
        }
    }

    private DigestMessage() {
    }

    /** At most this many items in one message; a longer digest goes as several. */
    public static int maxItems(Channel channel) {
        return channel == Channel.SMS ? 8 : 50;
    }

    public static Parts render(Channel channel, String locale, String topicName, String salutation, List<Item> items,
                               String preferencesUrl, String unsubscribeUrl) {
        String language = locale != null && locale.toLowerCase(Locale.ROOT).startsWith("fr") ? "fr" : "en";
        boolean sms = channel == Channel.SMS;
        List<Map<String, Object>> listed = new ArrayList<>();
        for (Item item : items) {
            boolean hasSubject = item.subject() != null && !item.subject().isBlank();
            listed.add(Map.of("number", listed.size() + 1, "hasSubject", hasSubject,
                    "subject", hasSubject ? item.subject() : "",
                    "text", excerpt(item.text() == null ? "" : item.text().strip(), sms ? SMS_EXCERPT : EXCERPT)));
        }
        Map<String, Object> values = new HashMap<>();
        values.put("salutation", salutation);
        values.put("topic", topicName);
        values.put("count", items.size());
        values.put("one", items.size() == 1);
        values.put("items", listed);
        values.put("links", !sms);
        values.put("preferencesUrl", preferencesUrl);
        values.put("unsubscribeUrl", unsubscribeUrl);
        String subject = TEMPLATES.get(language + ".subject").execute(values);
        values.put("subject", subject);
        String text = TEMPLATES.get(language + ".text").execute(values);
        if (sms) {
            return new Parts(null, excerpt(text.strip(), RequestRule.MAX_SMS_TEXT), null);
        }
        return new Parts(subject, text, channel == Channel.EMAIL ? TEMPLATES.get(language + ".html").execute(values) : null);
    }

    /**
     * The text of an item that has only an HTML part: its tags dropped and the common entities read, to be
     * listed (and escaped again) like any text.
     */
    public static String textOf(String text, String html) {
        if (text != null || html == null) {
            return text;
        }
        return html.replaceAll("(?i)<br\\s*/?>|</p>|</h[1-6]>|</li>", "\n").replaceAll("<[^>]*>", "")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&nbsp;", " ").replace("&amp;", "&").replaceAll("\n{3,}", "\n\n").strip();
    }

    private static String excerpt(String text, int max) {
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max - 1)).stripTrailing() + ELLIPSIS;
    }

    private static String resource(String name) {
        try (InputStream in = DigestMessage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing digest template " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
