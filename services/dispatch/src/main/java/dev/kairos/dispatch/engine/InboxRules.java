package dev.kairos.dispatch.engine;

import dev.kairos.proto.dispatch.MessageContent;
import dev.kairos.proto.dispatch.SendMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The checks REST applies to a request body, applied to a record that arrived on the inbox topic: a
 * decodable but invalid record is rejected with a detail naming each field, never retried, never blocking.
 * The catalogue check (an unknown topic) is the decision's own.
 */
final class InboxRules {

    /** The same shapes as the REST body's annotations (requests.MessageRequest). */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,200}");
    private static final Pattern CUSTOMER_ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");
    private static final Pattern TOPIC = Pattern.compile("[a-z0-9][a-z0-9\\-]{0,63}");

    private InboxRules() {
    }

    /** Each problem as "field: what is wrong"; empty when the record is valid. */
    static List<String> problems(SendMessage m) {
        List<String> problems = new ArrayList<>();
        if (m.getRequestId() == null || !ID.matcher(m.getRequestId()).matches()) {
            problems.add("requestId: must be 1-200 letters, digits, '.', '_', ':' or '-'");
        }
        if (m.getCustomerId() == null || !CUSTOMER_ID.matcher(m.getCustomerId()).matches()) {
            problems.add("customerId: must be 1-128 letters, digits, '.', '_', ':' or '-'");
        }
        if (m.getTopic() == null || !TOPIC.matcher(m.getTopic()).matches()) {
            problems.add("topic: must be a catalogue topic id");
        }
        if (m.getTemplateId() == null && !hasContentForAllowedChannel(m)) {
            problems.add("content: must carry a text or html part for at least one allowed channel");
        }
        if (m.getNotBefore() != null && m.getExpiresAt() != null && !m.getExpiresAt().isAfter(m.getNotBefore())) {
            problems.add("expiresAt: must be after notBefore");
        }
        return problems;
    }

    private static boolean hasContentForAllowedChannel(SendMessage m) {
        for (Map.Entry<String, MessageContent> e : m.getContent().entrySet()) {
            boolean allowed = m.getChannels().isEmpty()
                    || m.getChannels().stream().anyMatch(c -> c.name().equals(e.getKey()));
            MessageContent c = e.getValue();
            boolean present = c != null && (notBlank(c.getText()) || notBlank(c.getHtml()));
            if (allowed && present && isChannel(e.getKey())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isChannel(String name) {
        return name.equals("EMAIL") || name.equals("SMS") || name.equals("MAIL");
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
