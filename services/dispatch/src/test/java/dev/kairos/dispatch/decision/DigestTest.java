package dev.kairos.dispatch.decision;

import static dev.kairos.dispatch.decision.Examples.NONE_SUPPRESSED;
import static dev.kairos.dispatch.decision.Examples.NOW;
import static dev.kairos.dispatch.decision.Examples.activeConsent;
import static dev.kairos.dispatch.decision.Examples.customer;
import static dev.kairos.dispatch.decision.Examples.promotions;
import static dev.kairos.dispatch.decision.Examples.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Digests: when one is due in the customer's zone, what is queued for it, and how each item is checked again. */
class DigestTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final DigestSchedule SATURDAY_NINE = new DigestSchedule(DigestSchedule.Every.WEEK,
            DayOfWeek.SATURDAY, LocalTime.of(9, 0));
    private static final List<Consent> EMAIL_CONSENT = List.of(activeConsent(Channel.EMAIL, "promotions", "h-email"));
    /** NOW is Monday 2026-11-23 11:00 in Paris: the week's Saturday digest is 2026-11-28 09:00 there. */
    private static final Instant SATURDAY_DIGEST = Instant.parse("2026-11-28T08:00:00Z");

    // ---- the digest instant ----

    @Test
    void aWeeklyDigestIsDueOnItsDayAtItsTimeInTheCustomersZone() {
        assertThat(SATURDAY_NINE.nextAfter(NOW, PARIS)).isEqualTo(SATURDAY_DIGEST);
        assertThat(SATURDAY_NINE.nextAfter(NOW, ZoneId.of("America/New_York")))
                .isEqualTo(Instant.parse("2026-11-28T14:00:00Z"));
        assertThat(SATURDAY_NINE.nextAfter(SATURDAY_DIGEST, PARIS)).as("strictly after: the next week's")
                .isEqualTo(Instant.parse("2026-12-05T08:00:00Z"));
    }

    @Test
    void aDigestKeepsItsLocalTimeAcrossTheChangeToSummerTime() {
        DigestSchedule daily = new DigestSchedule(DigestSchedule.Every.DAY, null, LocalTime.of(9, 0));
        // Paris moves to summer time on 2027-03-28: 09:00 is 08:00Z the day before and 07:00Z from then on.
        Instant saturdayDigest = at("2027-03-27T09:00");
        assertThat(saturdayDigest).isEqualTo(Instant.parse("2027-03-27T08:00:00Z"));

        assertThat(daily.nextAfter(saturdayDigest, PARIS)).isEqualTo(Instant.parse("2027-03-28T07:00:00Z"));
        assertThat(SATURDAY_NINE.nextAfter(saturdayDigest, PARIS)).isEqualTo(Instant.parse("2027-04-03T07:00:00Z"));
    }

    @Test
    void aDigestTimeInTheSpringForwardGapGoesAtTheFirstInstantAfterIt() {
        // 2027-03-28: Paris clocks jump from 02:00 to 03:00; there is no 02:30 that day.
        DigestSchedule halfPastTwo = new DigestSchedule(DigestSchedule.Every.DAY, null, LocalTime.of(2, 30));

        Instant gapDay = halfPastTwo.nextAfter(at("2027-03-27T02:30"), PARIS);

        assertThat(gapDay).isEqualTo(Instant.parse("2027-03-28T01:00:00Z")); // 03:00 CEST
        assertThat(halfPastTwo.nextAfter(gapDay, PARIS)).isEqualTo(Instant.parse("2027-03-29T00:30:00Z"));
    }

    @Test
    void aDigestTimeThatHappensTwiceOnFallBackNightGoesOnceAtTheEarlierOne() {
        // 2027-10-31: Paris clocks go back from 03:00 to 02:00; 02:30 happens at 00:30Z and again at 01:30Z.
        DigestSchedule halfPastTwo = new DigestSchedule(DigestSchedule.Every.DAY, null, LocalTime.of(2, 30));

        Instant first = halfPastTwo.nextAfter(Instant.parse("2027-10-30T12:00:00Z"), PARIS);

        assertThat(first).isEqualTo(Instant.parse("2027-10-31T00:30:00Z"));
        assertThat(halfPastTwo.nextAfter(first, PARIS)).as("not the second 02:30 of the same night")
                .isEqualTo(Instant.parse("2027-11-01T01:30:00Z"));
    }

    // ---- queueing ----

    @Test
    void aMessageOfADigestTopicIsQueuedForTheNextDigestOnTheChannelItWouldGoOn() {
        Decision d = decide(request().build(), weeklyPromotions().build(), EMAIL_CONSENT);

        assertThat(d).isEqualTo(new Decision.QueueForDigest(
                List.of(new Decision.Delivery(Channel.EMAIL, "camille@example.fr", "entry-1")), SATURDAY_DIGEST));
    }

    @Test
    void aMessageThatMayNotGoOutIsNotQueued() {
        assertThat(decide(request().build(), weeklyPromotions().build(), List.of()))
                .isEqualTo(new Decision.Suppress(List.of(Reason.NO_CONSENT), null));
    }

    @Test
    void aMessageWaitsForTheFirstDigestAfterItsNotBeforeAndExpiresIfThatIsTooLate() {
        Instant sunday = Instant.parse("2026-11-29T10:00:00Z");
        assertThat(decide(request().notBefore(sunday).build(), weeklyPromotions().build(), EMAIL_CONSENT))
                .isEqualTo(new Decision.QueueForDigest(List.of(new Decision.Delivery(Channel.EMAIL,
                        "camille@example.fr", "entry-1")), Instant.parse("2026-12-05T08:00:00Z")));

        assertThat(decide(request().expiresAt(SATURDAY_DIGEST).build(), weeklyPromotions().build(), EMAIL_CONSENT))
                .isEqualTo(new Decision.Expire());
    }

    @Test
    void anUrgentServiceMessageIsNeverHeldForADigest() {
        TopicInfo fraudAlerts = new TopicInfo("fraud", false, "fraud", true, List.of(Channel.EMAIL));
        Customer c = customer().weeklyDigest("fraud", DayOfWeek.SATURDAY, "09:00").build();

        Decision d = Decider.decide(request().topic("fraud").build(), Optional.of(fraudAlerts), Optional.of(c),
                List.of(), NONE_SUPPRESSED, List.of(), NOW);

        assertThat(d).isInstanceOf(Decision.Send.class);
    }

    // ---- each item checked again when its digest is looked at ----

    @Test
    void anItemWaitsUntilItsDigestIsDueThenGoesInIt() {
        Customer c = weeklyPromotions().build();

        assertThat(check(queued(), c, EMAIL_CONSENT, SATURDAY_DIGEST.minusMillis(1))).isEqualTo(new Digests.Wait());
        assertThat(check(queued(), c, EMAIL_CONSENT, SATURDAY_DIGEST)).isEqualTo(new Digests.Keep(
                new Decision.Delivery(Channel.EMAIL, "camille@example.fr", "entry-1")));
    }

    @Test
    void aConsentWithdrawnWhileItWaitedDropsIt() {
        Consent withdrawn = new Consent(Channel.EMAIL, "promotions", Consent.Status.WITHDRAWN, Consent.Basis.OPT_IN,
                "h-email", null, "entry-2");

        assertThat(check(queued(), weeklyPromotions().build(), List.of(withdrawn), SATURDAY_DIGEST))
                .isEqualTo(new Digests.Drop(new Decision.Suppress(List.of(Reason.CONSENT_WITHDRAWN), "entry-2")));
    }

    @Test
    void aTopicSwitchedBackToOneMessageAtATimeHasItDecidedAgainAtOnce() {
        Customer instant = customer().build();

        assertThat(check(queued(), instant, EMAIL_CONSENT, NOW.plusSeconds(60))).isEqualTo(new Digests.Redecide());
    }

    @Test
    void aNewDigestTimeOrChannelHasItDecidedAgainButAnUnchangedOneLetsItWait() {
        Customer otherDay = customer().weeklyDigest("promotions", DayOfWeek.MONDAY, "18:00").build();
        Customer bySms = weeklyPromotions().sms("+33612345678").topic("promotions", Channel.SMS).build();
        Customer unchanged = weeklyPromotions().zone("Europe/Paris").build();

        assertThat(check(queued(), otherDay, EMAIL_CONSENT, NOW.plusSeconds(60))).isEqualTo(new Digests.Redecide());
        assertThat(check(queued(), bySms, EMAIL_CONSENT, NOW.plusSeconds(60))).isEqualTo(new Digests.Redecide());
        assertThat(check(queued(), unchanged, EMAIL_CONSENT, NOW.plusSeconds(60))).isEqualTo(new Digests.Wait());
    }

    @Test
    void aCustomerWhoLeftTheTopicOrErasedTheirRecordGetsNothing() {
        Customer optedOut = weeklyPromotions().topic("promotions").build();

        assertThat(check(queued(), optedOut, EMAIL_CONSENT, SATURDAY_DIGEST))
                .isEqualTo(new Digests.Drop(new Decision.Suppress(List.of(Reason.TOPIC_OPTED_OUT), null)));
        assertThat(Digests.check(queued(), Optional.of(promotions()), Optional.empty(), EMAIL_CONSENT, NONE_SUPPRESSED,
                SATURDAY_DIGEST)).isEqualTo(new Digests.Drop(new Decision.Suppress(List.of(Reason.NO_REACHABLE_CHANNEL), null)));
    }

    @Test
    void anItemPastItsExpiryWhenTheDigestGoesExpires() {
        DigestItem expiring = new DigestItem(request().expiresAt(SATURDAY_DIGEST.plusSeconds(1)).build(), Channel.EMAIL,
                SATURDAY_DIGEST, NOW);

        assertThat(check(expiring, weeklyPromotions().build(), EMAIL_CONSENT, SATURDAY_DIGEST.plusSeconds(1)))
                .isEqualTo(new Digests.Drop(new Decision.Expire()));
    }

    // ---- when the digest as a whole may go ----

    @Test
    void aMarketingTextDigestDueOnAFrenchSundayWaitsForMondayEightOClock() {
        Customer c = customer().sms("+33612345678").topic("promotions", Channel.SMS)
                .weeklyDigest("promotions", DayOfWeek.SUNDAY, "10:00").build();

        assertThat(Digests.moment(promotions(), c, Channel.SMS, List.of(), at("2026-11-29T10:00")))
                .contains(at("2026-11-30T08:00"));
        assertThat(Digests.moment(promotions(), c, Channel.EMAIL, List.of(), at("2026-11-29T10:00")))
                .as("French contact hours bind texts only").contains(at("2026-11-29T10:00"));
    }

    @Test
    void aDigestCountsAsOneMessageAgainstTheCapsAndWaitsWhenTheyAreFull() {
        Customer c = weeklyPromotions().overallCap(2, FrequencyCap.Period.WEEK).build();
        List<SentMessage> oneSent = List.of(new SentMessage(NOW, "news", true));
        List<SentMessage> twoSent = List.of(new SentMessage(NOW, "news", true), new SentMessage(NOW.plusSeconds(1), "news", true));

        assertThat(Digests.moment(promotions(), c, Channel.EMAIL, oneSent, SATURDAY_DIGEST)).contains(SATURDAY_DIGEST);
        assertThat(Digests.moment(promotions(), c, Channel.EMAIL, twoSent, SATURDAY_DIGEST))
                .contains(NOW.plus(FrequencyCap.Period.WEEK.length()));
    }

    // ---- helpers ----

    private static Examples.CustomerBuilder weeklyPromotions() {
        return customer().weeklyDigest("promotions", DayOfWeek.SATURDAY, "09:00");
    }

    /** A promotions email queued at NOW for the Saturday digest. */
    private static DigestItem queued() {
        return new DigestItem(request().build(), Channel.EMAIL, SATURDAY_DIGEST, NOW);
    }

    private static Decision decide(Request request, Customer customer, List<Consent> consents) {
        return Decider.decide(request, Optional.of(promotions()), Optional.of(customer), consents, NONE_SUPPRESSED,
                List.of(), NOW);
    }

    private static Digests.Check check(DigestItem item, Customer customer, List<Consent> consents, Instant now) {
        return Digests.check(item, Optional.of(promotions()), Optional.of(customer), consents, NONE_SUPPRESSED, now);
    }

    private static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(PARIS).toInstant();
    }
}
