package dev.kairos.dispatch.decision;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a request must be to be decided and rendered: one rule for the REST API (a 400 naming each field)
 * and for records produced straight to the inbox topic (rejected with the same problems). Every subject,
 * text and html part is compiled as a template, and sizes are bounded so that a rendered message fits in
 * a record and no request costs the engine more than a bounded amount of work.
 */
public final class RequestRule {

    public static final int MAX_ID = 200;
    public static final int MAX_CUSTOMER_ID = 128;
    public static final int MAX_CAMPAIGN_ID = 200;
    /** RFC 5321's limit on the length of an email address path; also the limit for any recipient address. */
    public static final int MAX_RECIPIENT_ADDRESS = 320;
    /** RFC 5322's limit on the length of a header line. */
    public static final int MAX_SUBJECT = 998;
    public static final int MAX_TEXT = 100_000;
    public static final int MAX_HTML = 500_000;
    /** Ten concatenated SMS segments. */
    public static final int MAX_SMS_TEXT = 1_600;
    public static final int MAX_VARIABLES = 100;
    public static final int MAX_VARIABLE_NAME = 64;
    public static final int MAX_VARIABLE_VALUE = 2_000;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:\\-]+");
    private static final Pattern TOPIC = Pattern.compile("[a-z0-9][a-z0-9\\-]{0,63}");
    /** Only parses: escaping and missing values do not change whether a template is valid. */
    private static final Mustache.Compiler TEMPLATES = Mustache.compiler();

    /** One invalid field, and whether it is a template (INVALID_TEMPLATE) or the request (INVALID_REQUEST). */
    public record Problem(String field, String message, Reason reason) {

        @Override
        public String toString() {
            return field + ": " + message;
        }
    }

    private RequestRule() {
    }

    /** Each invalid field once, in the order of the request's fields; empty when the request is valid. */
    public static List<Problem> problems(Submission s) {
        Map<String, Problem> problems = new LinkedHashMap<>();
        id(problems, "requestId", s.requestId(), MAX_ID);
        id(problems, "customerId", s.customerId(), MAX_CUSTOMER_ID);
        if (s.topic() == null || !TOPIC.matcher(s.topic()).matches()) {
            add(problems, "topic", "must be a catalogue topic id", Reason.INVALID_REQUEST);
        }
        Map<String, Submission.Part> content = s.content() == null ? Map.of() : s.content();
        List<Channel> channels = s.channels() == null ? List.of() : s.channels();
        if (channels.size() > Channel.values().length || new java.util.HashSet<>(channels).size() < channels.size()
                || channels.stream().anyMatch(java.util.Objects::isNull)) {
            add(problems, "channels", "must name each of EMAIL, SMS and MAIL at most once", Reason.INVALID_REQUEST);
        }
        for (Map.Entry<String, Submission.Part> part : content.entrySet()) {
            content(problems, part.getKey(), part.getValue());
        }
        if (s.templateId() != null) {
            add(problems, "templateId", "stored templates are not available yet: send the content with the request",
                    Reason.INVALID_TEMPLATE);
        } else if (!hasContentFor(content, channels)) {
            add(problems, "content", "must carry a text or html part for at least one allowed channel",
                    Reason.INVALID_REQUEST);
        }
        variables(problems, s.variables() == null ? Map.of() : s.variables());
        if (s.notBefore() != null && s.expiresAt() != null && !s.expiresAt().isAfter(s.notBefore())) {
            add(problems, "expiresAt", "must be after notBefore", Reason.INVALID_REQUEST);
        }
        if (s.campaignId() != null && s.campaignId().length() > MAX_CAMPAIGN_ID) {
            add(problems, "campaignId", "must be at most " + MAX_CAMPAIGN_ID + " characters", Reason.INVALID_REQUEST);
        }
        recipient(problems, s.recipientAddress(), channels, content);
        return List.copyOf(problems.values());
    }

    /** The distinct reason codes of some problems, in order. */
    public static List<Reason> reasons(List<Problem> problems) {
        Set<Reason> reasons = EnumSet.noneOf(Reason.class);
        problems.forEach(p -> reasons.add(p.reason()));
        return List.copyOf(reasons);
    }

    private static void id(Map<String, Problem> problems, String field, String value, int max) {
        if (value == null || value.isEmpty() || value.length() > max || !ID.matcher(value).matches()) {
            add(problems, field, "must be 1-" + max + " letters, digits, '.', '_', ':' or '-'", Reason.INVALID_REQUEST);
        }
    }

    private static void content(Map<String, Problem> problems, String channelName, Submission.Part part) {
        Optional<Channel> channel = channel(channelName);
        if (channel.isEmpty()) {
            // The key itself is not echoed: it can be anything a producer wrote.
            add(problems, "content", "keys must be EMAIL, SMS or MAIL", Reason.INVALID_REQUEST);
            return;
        }
        if (part == null) {
            return;
        }
        String prefix = "content." + channelName + ".";
        template(problems, prefix + "subject", part.subject(), MAX_SUBJECT);
        template(problems, prefix + "text", part.text(), channel.get() == Channel.SMS ? MAX_SMS_TEXT : MAX_TEXT);
        template(problems, prefix + "html", part.html(), MAX_HTML);
        if (channel.get() == Channel.EMAIL && part.present() && !Submission.notBlank(part.subject())) {
            add(problems, prefix + "subject", "an email needs a subject", Reason.INVALID_REQUEST);
        }
    }

    private static void template(Map<String, Problem> problems, String field, String template, int max) {
        if (template == null) {
            return;
        }
        if (template.length() > max) {
            add(problems, field, "must be at most " + max + " characters", Reason.INVALID_REQUEST);
            return;
        }
        Optional<String> problem = tagProblem(template);
        if (problem.isEmpty()) {
            try {
                TEMPLATES.compile(template);
            } catch (RuntimeException | StackOverflowError e) {
                // MustacheException mostly; the parser also throws index errors on some inputs (e.g. "{{ }}").
                problem = Optional.of(e instanceof MustacheException ? e.getMessage() : "the parser cannot read it");
            }
        }
        problem.ifPresent(p -> add(problems, field, "is not a valid template: " + p, Reason.INVALID_TEMPLATE));
    }

    /**
     * What the Mustache parser lets through but no author means: a tag opened and never closed (the parser
     * keeps {@code {{name} as text, so the customer would read it), a tag without a name ({@code {{#}}}), a
     * partial (there is nothing to include, so it fails only when rendered), and a change of delimiters (which
     * would hide all of these from this check).
     */
    static Optional<String> tagProblem(String template) {
        int from = 0;
        while (true) {
            int open = template.indexOf("{{", from);
            if (open < 0) {
                return Optional.empty();
            }
            int close = template.indexOf("}}", open + 2);
            int nextOpen = template.indexOf("{{", open + 2);
            if (close < 0 || (nextOpen >= 0 && nextOpen < close && !template.startsWith("{{{", open))) {
                return Optional.of("a tag opened at character " + (open + 1) + " is never closed");
            }
            String tag = template.substring(open + 2, close);
            if (tag.startsWith("=")) {
                return Optional.of("changing the delimiters is not supported (character " + (open + 1) + ")");
            }
            if (tag.startsWith(">")) {
                return Optional.of("partials are not supported (character " + (open + 1) + ")");
            }
            String name = tag.replaceFirst("^[{#^/&>]", "").replaceFirst("}$", "").strip();
            if (name.isEmpty() && !tag.startsWith("!")) {
                return Optional.of("the tag at character " + (open + 1) + " has no name");
            }
            from = close + 2;
        }
    }

    private static void variables(Map<String, Problem> problems, Map<String, String> variables) {
        if (variables.size() > MAX_VARIABLES) {
            add(problems, "variables", "at most " + MAX_VARIABLES + " variables", Reason.INVALID_REQUEST);
            return;
        }
        for (Map.Entry<String, String> v : variables.entrySet()) {
            if (v.getKey().isEmpty() || v.getKey().length() > MAX_VARIABLE_NAME
                    || v.getValue() == null || v.getValue().length() > MAX_VARIABLE_VALUE) {
                add(problems, "variables", "names must be 1-" + MAX_VARIABLE_NAME + " characters, values at most "
                        + MAX_VARIABLE_VALUE, Reason.INVALID_REQUEST);
                return;
            }
        }
    }

    private static void recipient(Map<String, Problem> problems, String address, List<Channel> channels,
                                  Map<String, Submission.Part> content) {
        if (address == null) {
            return;
        }
        if (address.isBlank() || address.length() > MAX_RECIPIENT_ADDRESS) {
            add(problems, "recipientAddress", "must be 1-" + MAX_RECIPIENT_ADDRESS + " characters",
                    Reason.INVALID_REQUEST);
            return;
        }
        Optional<Channel> channel = RecipientChannel.of(address, channels);
        if (channel.isEmpty()) {
            add(problems, "recipientAddress", "must be an email address, an E.164 number, or a postal address "
                    + "of a request naming MAIL, on a channel the request allows", Reason.INVALID_REQUEST);
        } else if (!contentChannels(content).contains(channel.get())) {
            add(problems, "recipientAddress", "is a " + channel.get() + " address, and the request carries no "
                    + channel.get() + " content", Reason.INVALID_REQUEST);
        }
    }

    /** The channels a request carries a text or html part for. */
    public static Set<Channel> contentChannels(Map<String, Submission.Part> content) {
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        content.forEach((name, part) -> channel(name).filter(c -> part != null && part.present()).ifPresent(channels::add));
        return Collections.unmodifiableSet(channels);
    }

    private static boolean hasContentFor(Map<String, Submission.Part> content, List<Channel> channels) {
        return contentChannels(content).stream().anyMatch(c -> channels.isEmpty() || channels.contains(c));
    }

    private static Optional<Channel> channel(String name) {
        for (Channel c : Channel.values()) {
            if (c.name().equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private static void add(Map<String, Problem> problems, String field, String message, Reason reason) {
        problems.putIfAbsent(field, new Problem(field, message, reason));
    }
}
