package dev.kairos.dispatch.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of the decision over generated customers, consents, histories and instants. The checks here
 * are written from the rules' text, in local time, independently of the classes that implement them.
 */
class DecisionProperties {

    private static final List<String> ZONES = List.of("Europe/Paris", "America/New_York", "America/Los_Angeles",
            "America/Martinique", "Asia/Tokyo", "Europe/London");
    private static final List<String> JURISDICTIONS = List.of("FR", "DE", "US", "US-FL", "US-NY", "CA", "JP");
    private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");

    record Scenario(Request request, TopicInfo topic, Customer customer, List<Consent> consents,
                    List<SentMessage> history, Instant now) {

        Decision decide() {
            return Decider.decide(request, Optional.of(topic), Optional.of(customer), consents,
                    (hmac, channel) -> Optional.empty(), history, now);
        }

        Instant start() {
            return request.notBefore() != null && request.notBefore().isAfter(now) ? request.notBefore() : now;
        }
    }

    @Property(tries = 600)
    void neverSendsWithoutTheConsentTheModelRequires(@ForAll("scenarios") Scenario s) {
        if (s.decide() instanceof Decision.Send send && s.topic().marketing()) {
            for (Decision.Delivery d : send.deliveries()) {
                assertThat(consentAllows(s, d.channel())).as("consent for %s", d.channel()).isTrue();
            }
        }
    }

    @Property(tries = 600)
    void neverGoesInsideQuietHoursOrOutsideLegalHoursInAnyCandidateZone(@ForAll("scenarios") Scenario s) {
        Decision d = s.decide();
        if (d instanceof Decision.Send send) {
            assertThat(allowed(s, channels(send), s.now())).isTrue();
        } else if (d instanceof Decision.Schedule schedule) {
            assertThat(allowed(s, scheduledChannels(s, schedule), schedule.at())).isTrue();
        }
    }

    @Property(tries = 400)
    void schedulesAtTheEarliestAllowedInstant(@ForAll("scenarios") Scenario s) {
        if (!(s.decide() instanceof Decision.Schedule schedule) || s.request().deferWhenCapped()) {
            return;
        }
        Set<Channel> channels = scheduledChannels(s, schedule);
        Instant at = schedule.at();
        assertThat(at).isAfterOrEqualTo(s.start());
        if (at.isAfter(s.start())) {
            assertThat(allowed(s, channels, at.minusMillis(1))).as("a millisecond earlier").isFalse();
            // Every minute between the start and the scheduled instant is forbidden by some rule.
            for (Instant t = s.start(); t.isBefore(at); t = t.plus(Duration.ofMinutes(7))) {
                assertThat(allowed(s, channels, t)).as("allowed at %s, scheduled at %s", t, at).isFalse();
            }
        }
    }

    @Property(tries = 300)
    void theSameInputsGiveTheSameDecision(@ForAll("scenarios") Scenario s) {
        assertThat(s.decide()).isEqualTo(s.decide());
    }

    // ---- the rules, as the architecture words them ----

    private static boolean consentAllows(Scenario s, Channel channel) {
        ConsentModel.Requirement requirement = ConsentModel.requirement(s.customer().jurisdiction(), channel);
        String hmac = s.customer().contactPoint(channel).orElseThrow().hmac();
        Optional<Consent> consent = s.consents().stream()
                .filter(c -> c.channel() == channel && c.purpose().equals(s.topic().purpose())).findFirst();
        if (requirement == ConsentModel.Requirement.OPT_OUT) {
            return consent.map(c -> c.status() != Consent.Status.WITHDRAWN).orElse(true);
        }
        return consent.filter(c -> c.status() == Consent.Status.ACTIVE)
                .filter(c -> c.expiresAt() == null || s.now().isBefore(c.expiresAt()))
                .filter(c -> c.addressHmac() == null || c.addressHmac().equals(hmac))
                .filter(c -> requirement != ConsentModel.Requirement.PRIOR_EXPRESS_WRITTEN
                        || c.basis() == Consent.Basis.PRIOR_EXPRESS_WRITTEN)
                .isPresent();
    }

    private static boolean allowed(Scenario s, Set<Channel> channels, Instant t) {
        Customer c = s.customer();
        boolean urgentService = !s.topic().marketing() && s.topic().urgent();
        ZonedDateTime local = t.atZone(c.zone());
        if (!urgentService) {
            for (QuietHours q : c.quietHours()) {
                if (channels.stream().anyMatch(q::covers) && inRange(local.toLocalTime(), q.from(), q.to())) {
                    return false;
                }
            }
            if (!c.sendWindows().isEmpty() && c.sendWindows().stream().noneMatch(w -> inWindow(w, local))) {
                return false;
            }
        }
        if (s.topic().marketing() && channels.contains(Channel.SMS)) {
            Set<ZoneId> zones = new LinkedHashSet<>(c.candidateZones());
            zones.add(c.zone());
            for (ZoneId zone : zones) {
                ZonedDateTime there = t.atZone(zone);
                LocalTime time = there.toLocalTime();
                String j = c.jurisdiction();
                if (j.equals("FR") && (there.getDayOfWeek() == DayOfWeek.SUNDAY
                        || FrenchHolidays.isHoliday(there.toLocalDate())
                        || !inRange(time, LocalTime.of(8, 0), LocalTime.of(20, 0)))) {
                    return false;
                }
                if (j.startsWith("US") && !inRange(time, LocalTime.of(8, 0),
                        j.equals("US-FL") ? LocalTime.of(20, 0) : LocalTime.of(21, 0))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A window that runs past midnight belongs to the day it starts on. */
    private static boolean inWindow(SendWindow w, ZonedDateTime local) {
        LocalTime time = local.toLocalTime();
        boolean today = w.days().isEmpty() || w.days().contains(local.getDayOfWeek());
        if (w.from().isBefore(w.to())) {
            return today && inRange(time, w.from(), w.to());
        }
        boolean yesterday = w.days().isEmpty() || w.days().contains(local.getDayOfWeek().minus(1));
        return (today && !time.isBefore(w.from())) || (yesterday && time.isBefore(w.to()));
    }

    /** [from, to), wrapping midnight when to is before from (generated ranges never have from == to). */
    private static boolean inRange(LocalTime time, LocalTime from, LocalTime to) {
        return from.isBefore(to) ? !time.isBefore(from) && time.isBefore(to) : !time.isBefore(from) || time.isBefore(to);
    }

    private static Set<Channel> channels(Decision.Send send) {
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        send.deliveries().forEach(d -> channels.add(d.channel()));
        return channels;
    }

    /** The channels a scheduled message would go on: what the same decision with no time rule sends on. */
    private static Set<Channel> scheduledChannels(Scenario s, Decision.Schedule schedule) {
        if (schedule.channel() != null) {
            return EnumSet.of(schedule.channel());
        }
        Customer plain = new Customer(s.customer().customerId(), "fr-FR", s.customer().zone(), s.customer().jurisdiction(),
                s.customer().contactPoints(), s.customer().channelPriority(), s.customer().topicChannels(), null,
                List.of(), List.of(), Set.of(), Map.of(), null, Map.of());
        Request now = new Request(s.request().requestId(), s.request().customerId(), s.request().topic(),
                s.request().channels(), s.request().all(), s.request().contentChannels(), null, null, null, false);
        Decision d = Decider.decide(now, Optional.of(s.topic()), Optional.of(plain), s.consents(), (h, c) -> Optional.empty(),
                List.of(), s.now());
        return channels((Decision.Send) d);
    }

    // ---- generators ----

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<TopicInfo> topics = Arbitraries.of(
                new TopicInfo("promotions", true, "promotions", false, List.of(Channel.SMS, Channel.EMAIL)),
                new TopicInfo("billing", false, "billing", false, List.of(Channel.EMAIL, Channel.SMS)),
                new TopicInfo("fraud-alerts", false, "fraud-alerts", true, List.of(Channel.SMS)));
        Arbitrary<Instant> instants = Arbitraries.longs().between(0, Duration.ofDays(730).toMinutes())
                .map(m -> FROM.plus(Duration.ofMinutes(m)));
        return Combinators.combine(topics, customers(), consents(), history(), instants,
                        Arbitraries.integers().between(0, 3), Arbitraries.of(true, false),
                        Arbitraries.integers().between(0, 72))
                .as((topic, customer, consents, history, now, shape, defer, notBeforeHours) -> {
                    boolean all = shape == 1;
                    Instant notBefore = shape == 2 ? now.plus(Duration.ofHours(notBeforeHours)) : null;
                    Instant expiresAt = shape == 3 ? now.plus(Duration.ofHours(notBeforeHours + 1)) : null;
                    Request request = new Request("r-1", customer.customerId(), topic.id(), List.of(), all,
                            EnumSet.allOf(Channel.class), notBefore, expiresAt, null, defer);
                    List<SentMessage> sent = history.stream()
                            .map(h -> new SentMessage(now.minus(Duration.ofHours(h)), topic.id(), topic.marketing()))
                            .toList();
                    return new Scenario(request, topic, customer, consents, sent, now);
                });
    }

    private Arbitrary<Customer> customers() {
        Arbitrary<LocalTime> times = Arbitraries.integers().between(0, 47).map(h -> LocalTime.of(h / 2, (h % 2) * 30));
        Arbitrary<QuietHours> quiet = Combinators.combine(times, times, Arbitraries.subsetOf(Channel.values()))
                .filter((from, to, channels) -> !from.equals(to))
                .as((from, to, channels) -> new QuietHours(from, to, Set.copyOf(channels)));
        Arbitrary<SendWindow> window = Combinators.combine(Arbitraries.subsetOf(DayOfWeek.values()), times, times)
                .filter((days, from, to) -> !from.equals(to))
                .as((days, from, to) -> new SendWindow(Set.copyOf(days), from, to));
        Arbitrary<ZoneId> zones = Arbitraries.of(ZONES).map(ZoneId::of);
        return Combinators.combine(Arbitraries.of(JURISDICTIONS), zones, zones.set().ofMaxSize(2),
                        quiet.list().ofMaxSize(2), window.list().ofMaxSize(2), Arbitraries.of(true, false),
                        Arbitraries.integers().between(0, 3))
                .as((jurisdiction, zone, candidates, quietHours, windows, smsFirst, cap) -> {
                    Map<Channel, ContactPoint> points = new EnumMap<>(Channel.class);
                    points.put(Channel.EMAIL, new ContactPoint("a@example.org", "h-email"));
                    points.put(Channel.SMS, new ContactPoint("+33600000000", "h-sms"));
                    List<Channel> priority = smsFirst ? List.of(Channel.SMS, Channel.EMAIL) : List.of(Channel.EMAIL, Channel.SMS);
                    Map<String, FrequencyCap> caps = new HashMap<>();
                    if (cap > 0) {
                        caps.put("promotions", new FrequencyCap(cap, FrequencyCap.Period.DAY));
                    }
                    return new Customer("c-1", "fr-FR", zone, jurisdiction, points, priority, Map.of(), null,
                            quietHours, windows, candidates, caps, null, Map.of());
                });
    }

    private Arbitrary<List<Consent>> consents() {
        Arbitrary<Consent> consent = Combinators.combine(Arbitraries.of(Channel.EMAIL, Channel.SMS),
                        Arbitraries.of(Consent.Status.values()), Arbitraries.of(Consent.Basis.values()),
                        Arbitraries.of("h-email", "h-sms", "h-other"), Arbitraries.of(true, false))
                .as((channel, status, basis, hmac, expired) -> new Consent(channel, "promotions", status, basis, hmac,
                        expired ? FROM : null, "e-" + channel));
        return consent.list().ofMaxSize(3).map(list -> {
            List<Consent> oneEach = new ArrayList<>();
            list.forEach(c -> {
                if (oneEach.stream().noneMatch(o -> o.channel() == c.channel())) {
                    oneEach.add(c);
                }
            });
            return oneEach;
        });
    }

    private Arbitrary<List<Integer>> history() {
        return Arbitraries.integers().between(0, 60).list().ofMaxSize(4);
    }

}
