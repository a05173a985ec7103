package dev.kairos.dispatch.decision;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
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

    /** One invalid field, and whether it is a template (INVALID_TEMPLATE) or the request (INVALID_REQUEST). */
    public record Problem(String field, String message, Reason reason) {

        @Override
        public String toString() {
            return field + ": " + message;
        }
    }

    /**
     * What the instance checking a request knows of the topic catalogue and the stored templates: each answers
     * whether it knows an id, or empty while it cannot tell yet (its replicas are still being built), which
     * refuses nothing. The REST API asks the engine's replicas through the query port; the engine asks its own.
     */
    public record Known(Function<String, Optional<Boolean>> topics, Function<String, Optional<Boolean>> templates) {

        /** Knows nothing yet: only the request's own fields are checked. */
        public static final Known NOTHING = new Known(id -> Optional.empty(), id -> Optional.empty());
    }

    private RequestRule() {
    }

    /** The request's own fields, as {@link #problems(Submission, Known)} without the catalogue and templates. */
    public static List<Problem> problems(Submission s) {
        return problems(s, Known.NOTHING);
    }

    /**
     * Each invalid field once, in the order of the request's fields; empty when the request is valid. A topic
     * or template that {@code known} does not know is a problem of {@code topic} ({@code INVALID_REQUEST}) or
     * {@code templateId} ({@code INVALID_TEMPLATE}).
     */
    public static List<Problem> problems(Submission s, Known known) {
        Map<String, Problem> problems = new LinkedHashMap<>();
        id(problems, "requestId", s.requestId(), MAX_ID);
        id(problems, "customerId", s.customerId(), MAX_CUSTOMER_ID);
        if (s.topic() == null || !TOPIC.matcher(s.topic()).matches()) {
            add(problems, "topic", "must be a catalogue topic id", Reason.INVALID_REQUEST);
        } else if (!known.topics().apply(s.topic()).orElse(true)) {
            add(problems, "topic", "is not in the topic catalogue", Reason.INVALID_REQUEST);
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
            template(problems, s.templateId(), content, known);
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
        recipient(problems, s.recipientAddress(), channels, content, s.templateId() != null);
        return List.copyOf(problems.values());
    }

    /** A request names a stored template instead of carrying content: a known one, and no content of its own. */
    private static void template(Map<String, Problem> problems, String templateId, Map<String, Submission.Part> content,
                                 Known known) {
        if (templateId.isEmpty() || templateId.length() > MAX_ID || !ID.matcher(templateId).matches()) {
            add(problems, "templateId", "must be 1-" + MAX_ID + " letters, digits, '.', '_', ':' or '-'",
                    Reason.INVALID_TEMPLATE);
        } else if (!known.templates().apply(templateId).orElse(true)) {
            add(problems, "templateId", "is not a stored template (PUT /api/v1/templates/" + templateId + ")",
                    Reason.INVALID_TEMPLATE);
        }
        if (!content.isEmpty()) {
            add(problems, "content", "must be empty when the request names a templateId", Reason.INVALID_REQUEST);
        }
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
        ContentRule.check(problems, "content." + channelName + ".", channel.get(), part);
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
                                  Map<String, Submission.Part> content, boolean fromTemplate) {
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
        } else if (!fromTemplate && !contentChannels(content).contains(channel.get())) {
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

    static void add(Map<String, Problem> problems, String field, String message, Reason reason) {
        problems.putIfAbsent(field, new Problem(field, message, reason));
    }
}
