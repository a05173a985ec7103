package dev.kairos.dispatch.rendering;

import dev.kairos.dispatch.decision.Channel;
import dev.kairos.dispatch.decision.RequestRule;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders an approved message at the channel end, right before the provider call: the request's templates filled
 * with its variables and the standard placeholders (the greeting by the customer's form of address and language,
 * their names, and the preference and unsubscribe links signed as of the decision), HTML parts escaped. A digest
 * lists each item rendered as it would have been alone. The same message renders the same every time.
 */
public final class MessageRenderer {

    /** The longest part a message may render to; the longest a request's own part may be is far below it. */
    public static final int MAX_PART = 1_000_000;

    private final MessageLinks links;

    public MessageRenderer(MessageLinks links) {
        this.links = links;
    }

    /**
     * The parts a provider gets.
     *
     * @param unsubscribeUrl the signed one-click unsubscribe link for a marketing message, else null
     */
    public record Rendered(String subject, String text, String html, String unsubscribeUrl) {
    }

    /** @throws RenderingException when a part is not a valid template or renders beyond what its channel takes */
    public Rendered render(Unrendered message) {
        Map<String, String> standard = standard(message);
        String unsubscribeUrl = message.marketing() ? standard.get("unsubscribeUrl") : null;
        if (message.digest() != null) {
            return checked(message.channel(), digest(message, standard), unsubscribeUrl);
        }
        Unrendered.Part parts = fill(message.content(), message.variables(), standard, true);
        return checked(message.channel(), parts, unsubscribeUrl);
    }

    private Unrendered.Part digest(Unrendered message, Map<String, String> standard) {
        List<DigestMessage.Item> listed = message.digest().items().stream().map(item -> {
            Unrendered.Part filled = fill(item.content(), item.variables(), standard, false);
            return new DigestMessage.Item(filled.subject(), DigestMessage.textOf(filled.text(), filled.html()));
        }).toList();
        DigestMessage.Parts parts = DigestMessage.render(message.channel(), message.locale(),
                message.digest().topicName(), standard.get("salutation"), listed, standard.get("preferencesUrl"),
                standard.get("unsubscribeUrl"));
        return new Unrendered.Part(parts.subject(), parts.text(), parts.html());
    }

    /** @param escapeHtml whether the HTML part escapes its values (a digest lists items' HTML as text, escaped later) */
    private static Unrendered.Part fill(Unrendered.Part part, Map<String, String> variables,
                                        Map<String, String> standard, boolean escapeHtml) {
        if (part == null) {
            return new Unrendered.Part(null, null, null);
        }
        Map<String, String> values = new HashMap<>(variables == null ? Map.of() : variables);
        values.putAll(standard);
        try {
            return new Unrendered.Part(Placeholders.fill(part.subject(), values, false),
                    Placeholders.fill(part.text(), values, false), Placeholders.fill(part.html(), values, escapeHtml));
        } catch (Placeholders.InvalidTemplateException e) {
            throw new RenderingException("a content part is not a valid template: " + e.getMessage());
        }
    }

    /** The placeholders every message may use besides its variables ({@link Placeholders#STANDARD}). */
    private Map<String, String> standard(Unrendered message) {
        Map<String, String> values = new HashMap<>(links.placeholders(message.customerId(), message.topic(),
                message.channel(), message.decidedAt()));
        FormOfAddress addressee = message.addressee() == null
                ? new FormOfAddress(FormOfAddress.Title.NONE, null, null) : message.addressee();
        values.put("salutation", Salutations.of(addressee, message.locale()));
        values.put("givenName", addressee.givenName() == null ? "" : addressee.givenName());
        values.put("familyName", addressee.familyName() == null ? "" : addressee.familyName());
        return values;
    }

    private static Rendered checked(Channel channel, Unrendered.Part parts, String unsubscribeUrl) {
        if (channel == Channel.SMS && length(parts.text()) > RequestRule.MAX_SMS_TEXT) {
            throw new RenderingException("the rendered text message is " + length(parts.text())
                    + " characters, over the " + RequestRule.MAX_SMS_TEXT + " a text may have");
        }
        for (String part : new String[] {parts.subject(), parts.text(), parts.html()}) {
            if (length(part) > MAX_PART) {
                throw new RenderingException("a rendered " + channel + " part is " + length(part)
                        + " characters, over the " + MAX_PART + " a part may have");
            }
        }
        return new Rendered(parts.subject(), parts.text(), parts.html(), unsubscribeUrl);
    }

    private static int length(String s) {
        return s == null ? 0 : s.codePointCount(0, s.length());
    }

    /** A message that cannot be rendered: it fails for good on its channel, with this cause. */
    public static final class RenderingException extends RuntimeException {
        RenderingException(String message) {
            super(message);
        }
    }
}
