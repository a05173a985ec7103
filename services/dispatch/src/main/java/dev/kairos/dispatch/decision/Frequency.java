package dev.kairos.dispatch.decision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The frequency rule: the customer's cap on a topic, and their overall cap on MARKETING, each over a
 * rolling window of the sends dispatch recorded. Only MARKETING is capped: a SERVICE message (an order
 * confirmation, a password reset) answers something the customer did and is never held back for volume.
 * One request counts once, on however many channels it went.
 */
final class Frequency {

    private Frequency() {
    }

    static List<TimeRule> caps(TopicInfo topic, Customer customer, List<SentMessage> history) {
        List<TimeRule> rules = new ArrayList<>();
        if (!topic.marketing()) {
            return rules;
        }
        FrequencyCap onTopic = customer.topicCaps().get(topic.id());
        if (onTopic != null) {
            rules.add(new Cap(onTopic, history.stream().filter(s -> s.topic().equals(topic.id()))
                    .map(SentMessage::at).sorted().toList()));
        }
        if (customer.overallCap() != null) {
            rules.add(new Cap(customer.overallCap(), history.stream().filter(SentMessage::marketing)
                    .map(SentMessage::at).sorted().toList()));
        }
        return rules;
    }

    /** Allowed while fewer than {@code max} sends lie in the window ending at the instant. */
    record Cap(FrequencyCap cap, List<Instant> sends) implements TimeRule {

        @Override
        public Instant nextAllowed(Instant t) {
            Instant windowStart = t.minus(cap.per().length());
            List<Instant> counted = sends.stream()
                    .filter(s -> s.isAfter(windowStart) && !s.isAfter(t)).toList();
            if (counted.size() < cap.max()) {
                return t;
            }
            // Enough of the oldest must leave the window for one more to fit.
            Instant mustLeave = counted.get(counted.size() - cap.max());
            return mustLeave.plus(cap.per().length());
        }

        @Override
        public Reason reason() {
            return Reason.FREQUENCY_CAP;
        }
    }
}
