package dev.kairos.dispatch.decision;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The moment rule: when a message may go out on the channels chosen for it.
 * <ul>
 *   <li>the customer's quiet hours for each of those channels and their send windows, in their zone
 *       (urgent SERVICE topics ignore both);</li>
 *   <li>for MARKETING, the legal contact hours, in every candidate zone of the customer.</li>
 * </ul>
 * Outside them, the message waits for the earliest instant every rule allows; daylight-saving gaps and
 * overlaps are settled in {@link LocalTimes}.
 */
final class Moments {

    /** Rounds of the search below; every round moves forward, so this only bounds pathological inputs. */
    private static final int MAX_ROUNDS = 1000;

    private Moments() {
    }

    /** The earliest instant all rules allow, and why it is later than asked; empty when none before the limit. */
    record Earliest(Instant at, List<Reason> reasons) {
    }

    static List<TimeRule> rules(TopicInfo topic, Customer customer, Collection<Channel> channels) {
        List<TimeRule> rules = new ArrayList<>();
        boolean urgentService = !topic.marketing() && topic.urgent();
        if (!urgentService) {
            for (QuietHours quiet : customer.quietHours()) {
                if (channels.stream().anyMatch(quiet::covers)) {
                    rules.add(new QuietPeriod(quiet.from(), quiet.to(), customer.zone()));
                }
            }
            if (!customer.sendWindows().isEmpty()) {
                rules.add(new AnyWindow(customer.sendWindows().stream()
                        .map(w -> new DailyWindow(day -> w.days().isEmpty() || w.days().contains(day.getDayOfWeek()),
                                w.from(), w.to(), customer.zone(), Reason.SEND_WINDOW))
                        .toList()));
            }
        }
        if (topic.marketing()) {
            Set<ZoneId> zones = new LinkedHashSet<>();
            zones.add(customer.zone());
            zones.addAll(customer.candidateZones());
            for (Channel channel : channels) {
                rules.addAll(LegalHours.forMarketing(customer.jurisdiction(), channel, zones));
            }
        }
        return rules;
    }

    /**
     * Moves forward to the latest "next allowed" instant of any rule until every rule allows the same
     * instant. No rule allows anything before its own answer, so nothing allowed is ever skipped: the
     * fixed point is the earliest instant allowed by all. {@code limit} is exclusive (the request's expiry).
     */
    static Optional<Earliest> earliest(List<TimeRule> rules, Instant start, Instant limit) {
        Instant t = start;
        Set<Reason> reasons = new LinkedHashSet<>();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            boolean moved = false;
            for (TimeRule rule : rules) {
                Instant next = rule.nextAllowed(t);
                if (next == null) {
                    return Optional.empty();
                }
                if (next.isAfter(t)) {
                    t = next;
                    reasons.add(rule.reason());
                    moved = true;
                }
            }
            if (limit != null && !t.isBefore(limit)) {
                return Optional.empty();
            }
            if (!moved) {
                return Optional.of(new Earliest(t, List.copyOf(reasons)));
            }
        }
        return Optional.empty();
    }

    /** Several send windows: allowed inside any of them. */
    record AnyWindow(List<DailyWindow> windows) implements TimeRule {

        @Override
        public Instant nextAllowed(Instant t) {
            return windows.stream().map(w -> w.nextAllowed(t)).filter(java.util.Objects::nonNull)
                    .min(Instant::compareTo).orElse(null);
        }

        @Override
        public Reason reason() {
            return Reason.SEND_WINDOW;
        }
    }
}
