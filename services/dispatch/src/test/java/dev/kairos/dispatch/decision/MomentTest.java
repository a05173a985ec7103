package dev.kairos.dispatch.decision;

import static dev.kairos.dispatch.decision.Examples.NONE_SUPPRESSED;
import static dev.kairos.dispatch.decision.Examples.activeConsent;
import static dev.kairos.dispatch.decision.Examples.customer;
import static dev.kairos.dispatch.decision.Examples.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Boundaries of the moment rule: quiet hours, send windows, legal hours, holidays and DST nights. */
class MomentTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static TopicInfo smsPromotions() {
        return new TopicInfo("promotions", true, "promotions", false, List.of(Channel.SMS));
    }

    private static TopicInfo urgentService() {
        return new TopicInfo("fraud-alerts", false, "fraud-alerts", true, List.of(Channel.EMAIL));
    }

    private static TopicInfo service() {
        return new TopicInfo("billing", false, "billing", false, List.of(Channel.EMAIL));
    }

    private static Instant at(String local, ZoneId zone) {
        return LocalDateTime.parse(local).atZone(zone).toInstant();
    }

    private static Decision decide(Request request, TopicInfo topic, Customer customer, Instant now) {
        List<Consent> consents = List.of(
                new Consent(Channel.SMS, "promotions", Consent.Status.ACTIVE, Consent.Basis.PRIOR_EXPRESS_WRITTEN,
                        "h-sms", null, "entry-sms"),
                activeConsent(Channel.EMAIL, "promotions", "h-email"));
        return Decider.decide(request, Optional.of(topic), Optional.of(customer), consents, NONE_SUPPRESSED, List.of(),
                now);
    }

    private static Examples.CustomerBuilder frenchSms() {
        return customer().noEmail().sms("+33612345678");
    }

    private static Examples.CustomerBuilder usSms(String jurisdiction) {
        return customer().noEmail().sms("+12125550100").jurisdiction(jurisdiction).zone("America/New_York");
    }

    private static Instant scheduledAt(Decision d) {
        assertThat(d).isInstanceOf(Decision.Schedule.class);
        return ((Decision.Schedule) d).at();
    }

    // ---- quiet hours ----

    @Test
    void quietHoursWrappingMidnightHoldAMessageUntilTheyEnd() {
        Customer c = customer().quiet("22:00", "07:00").build();
        Decision d = decide(request().topic("billing").build(), service(), c, at("2026-11-23T23:30", PARIS));

        assertThat(d).isEqualTo(new Decision.Schedule(at("2026-11-24T07:00", PARIS), List.of(Reason.QUIET_HOURS),
                Channel.EMAIL));
    }

    @Test
    void quietHoursEndIsAllowedAndTheirStartIsNot() {
        Customer c = customer().quiet("22:00", "07:00").build();

        assertThat(decide(request().topic("billing").build(), service(), c, at("2026-11-24T07:00", PARIS)))
                .isInstanceOf(Decision.Send.class);
        assertThat(decide(request().topic("billing").build(), service(), c, at("2026-11-23T21:59:59", PARIS)))
                .isInstanceOf(Decision.Send.class);
        assertThat(decide(request().topic("billing").build(), service(), c, at("2026-11-23T22:00", PARIS)))
                .isInstanceOf(Decision.Schedule.class);
    }

    @Test
    void quietHoursForAnotherChannelDoNotHoldThisOne() {
        Customer c = customer().quiet("22:00", "07:00", Channel.SMS).build();

        assertThat(decide(request().topic("billing").build(), service(), c, at("2026-11-23T23:30", PARIS)))
                .isInstanceOf(Decision.Send.class);
    }

    @Test
    void urgentServiceTopicsIgnoreQuietHoursAndSendWindows() {
        Customer c = customer().quiet("22:00", "07:00").window("09:00", "17:00", DayOfWeek.MONDAY).build();

        assertThat(decide(request().topic("fraud-alerts").build(), urgentService(), c, at("2026-11-24T03:00", PARIS)))
                .isInstanceOf(Decision.Send.class);
    }

    // ---- send windows ----

    @Test
    void sendWindowsWaitForTheNextAllowedDayAndTime() {
        Customer c = customer().window("09:00", "12:00", DayOfWeek.SATURDAY, DayOfWeek.SUNDAY).build();
        // Monday 2026-11-23 11:00: the next window opens on Saturday the 28th at 09:00.
        Decision d = decide(request().topic("billing").build(), service(), c, at("2026-11-23T11:00", PARIS));

        assertThat(d).isEqualTo(new Decision.Schedule(at("2026-11-28T09:00", PARIS), List.of(Reason.SEND_WINDOW),
                Channel.EMAIL));
    }

    @Test
    void aSendWindowIncludesItsStartAndExcludesItsEnd() {
        Customer c = customer().window("09:00", "12:00").build();

        assertThat(decide(request().topic("billing").build(), service(), c, at("2026-11-23T09:00", PARIS)))
                .isInstanceOf(Decision.Send.class);
        assertThat(scheduledAt(decide(request().topic("billing").build(), service(), c, at("2026-11-23T12:00", PARIS))))
                .isEqualTo(at("2026-11-24T09:00", PARIS));
    }

    @Test
    void notBeforeInTheFutureSchedules() {
        Instant notBefore = at("2026-11-23T15:00", PARIS);
        Decision d = decide(request().topic("billing").notBefore(notBefore).build(), service(), customer().build(),
                at("2026-11-23T11:00", PARIS));

        assertThat(d).isEqualTo(new Decision.Schedule(notBefore, List.of(), Channel.EMAIL));
    }

    @Test
    void aMessageThatCannotGoOutBeforeItsExpiryExpires() {
        Customer c = customer().quiet("22:00", "07:00").build();
        Decision d = decide(request().topic("billing").expiresAt(at("2026-11-24T07:00", PARIS)).build(), service(), c,
                at("2026-11-23T23:00", PARIS));

        assertThat(d).isInstanceOf(Decision.Expire.class);
    }

    // ---- legal hours: France ----

    @Test
    void frenchPromotionalSmsGoesMondayToSaturdayEightToEight() {
        assertThat(decide(request().build(), smsPromotions(), frenchSms().build(), at("2026-11-28T19:59", PARIS)))
                .isInstanceOf(Decision.Send.class);
        // Saturday 20:00 -> Monday 08:00 (Sunday is never allowed).
        assertThat(decide(request().build(), smsPromotions(), frenchSms().build(), at("2026-11-28T20:00", PARIS)))
                .isEqualTo(new Decision.Schedule(at("2026-11-30T08:00", PARIS), List.of(Reason.LEGAL_HOURS),
                        Channel.SMS));
        assertThat(scheduledAt(decide(request().build(), smsPromotions(), frenchSms().build(),
                at("2026-11-30T07:59", PARIS)))).isEqualTo(at("2026-11-30T08:00", PARIS));
    }

    @Test
    void frenchLegalHoursDoNotBindEmail() {
        Customer c = customer().build();
        assertThat(decide(request().build(), Examples.promotions(), c, at("2026-11-29T23:00", PARIS)))
                .isInstanceOf(Decision.Send.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2027-01-01", "2027-03-29", "2027-05-01", "2027-05-06", "2027-05-08", "2027-05-17",
            "2027-07-14", "2027-08-15", "2027-11-01", "2027-11-11", "2027-12-25"})
    void noPromotionalSmsOnAFrenchPublicHolidayOf2027(String holiday) {
        LocalDate day = LocalDate.parse(holiday);
        Decision d = decide(request().build(), smsPromotions(), frenchSms().build(), at(day + "T10:00", PARIS));

        Instant next = scheduledAt(d);
        LocalDate nextDay = next.atZone(PARIS).toLocalDate();
        assertThat(nextDay).isAfter(day);
        assertThat(next.atZone(PARIS).toLocalTime()).hasToString("08:00");
        assertThat(nextDay.getDayOfWeek()).isNotEqualTo(DayOfWeek.SUNDAY);
        assertThat(FrenchHolidays.isHoliday(nextDay)).isFalse();
    }

    @Test
    void easterMondayAscensionAndWhitMondayFollowEaster() {
        assertThat(FrenchHolidays.easterSunday(2027)).isEqualTo(LocalDate.parse("2027-03-28"));
        assertThat(FrenchHolidays.easterSunday(2026)).isEqualTo(LocalDate.parse("2026-04-05"));
        assertThat(FrenchHolidays.isHoliday(LocalDate.parse("2026-04-06"))).isTrue();
        assertThat(FrenchHolidays.isHoliday(LocalDate.parse("2027-03-30"))).isFalse();
        assertThat(FrenchHolidays.isHoliday(LocalDate.parse("2027-05-05"))).isFalse();
    }

    @Test
    void legalHoursHoldInEveryCandidateZone() {
        // Declared Paris, but the number may be in Martinique (UTC-4): 08:00 there is 13:00 in Paris.
        Customer c = frenchSms().alsoIn("America/Martinique").build();
        Decision d = decide(request().build(), smsPromotions(), c, at("2026-11-23T09:00", PARIS));

        assertThat(d).isEqualTo(new Decision.Schedule(at("2026-11-23T13:00", PARIS), List.of(Reason.LEGAL_HOURS),
                Channel.SMS));
    }

    // ---- legal hours: US ----

    @Test
    void usMarketingTextsGoFromEightToNineLocal() {
        assertThat(decide(request().build(), smsPromotions(), usSms("US-NY").build(), at("2026-11-23T20:59", NEW_YORK)))
                .isInstanceOf(Decision.Send.class);
        assertThat(scheduledAt(decide(request().build(), smsPromotions(), usSms("US-NY").build(),
                at("2026-11-23T21:00", NEW_YORK)))).isEqualTo(at("2026-11-24T08:00", NEW_YORK));
    }

    @Test
    void floridaStopsAtEight() {
        assertThat(scheduledAt(decide(request().build(), smsPromotions(), usSms("US-FL").build(),
                at("2026-11-23T20:00", NEW_YORK)))).isEqualTo(at("2026-11-24T08:00", NEW_YORK));
        assertThat(decide(request().build(), smsPromotions(), usSms("US-FL").build(), at("2026-11-23T19:59", NEW_YORK)))
                .isInstanceOf(Decision.Send.class);
    }

    @Test
    void aUsNumberAlsoInLosAngelesWaitsForEightThere() {
        Customer c = usSms("US-NY").alsoIn("America/Los_Angeles").build();
        assertThat(scheduledAt(decide(request().build(), smsPromotions(), c, at("2026-11-23T09:00", NEW_YORK))))
                .isEqualTo(at("2026-11-23T11:00", NEW_YORK));
    }

    @ParameterizedTest
    @ValueSource(strings = {"America/New_York", "America/Chicago", "America/Los_Angeles"})
    void aUsCustomerWithoutAStateGetsNoMarketingTextAtHalfPastEightInAnyOfTheirZones(String zone) {
        // The state may be Florida's, whose texts stop at 20:00: the strictest US hours apply.
        Customer c = usSms("US").alsoIn("America/Chicago").alsoIn("America/Los_Angeles").build();
        ZoneId there = ZoneId.of(zone);

        Decision d = decide(request().build(), smsPromotions(), c, at("2026-11-23T20:30", there));

        assertThat(d).isInstanceOf(Decision.Schedule.class);
        assertThat(((Decision.Schedule) d).reasons()).containsExactly(Reason.LEGAL_HOURS);
        assertThat(scheduledAt(d)).isEqualTo(at("2026-11-24T08:00", ZoneId.of("America/Los_Angeles")));
    }

    @Test
    void aCustomerWithoutJurisdictionGetsTheStrictestHoursKairosKnows() {
        // France's Monday-to-Saturday 08:00-20:00 and Florida's 20:00 end, in the customer's zone.
        Customer c = frenchSms().jurisdiction(null).build();

        assertThat(decide(request().build(), smsPromotions(), c, at("2026-11-28T19:59", PARIS)))
                .isInstanceOf(Decision.Send.class);
        assertThat(scheduledAt(decide(request().build(), smsPromotions(), c, at("2026-11-28T20:00", PARIS))))
                .isEqualTo(at("2026-11-30T08:00", PARIS));
    }

    // ---- daylight saving ----

    @Test
    void springForwardInParisTakesTheFirstInstantAfterTheGap() {
        // 2027-03-28: clocks jump from 02:00 to 03:00. A quiet period ending at 02:30 ends at 03:00 CEST.
        Customer c = customer().quiet("23:00", "02:30").build();
        Decision d = decide(request().topic("billing").build(), service(), c, at("2027-03-28T01:00", PARIS));

        assertThat(scheduledAt(d)).isEqualTo(Instant.parse("2027-03-28T01:00:00Z"));
    }

    @Test
    void fallBackInParisTakesTheEarlierOffset() {
        // 2027-10-31: 02:00-03:00 happens twice. A quiet period ending at 02:30 ends at 02:30 CEST (00:30Z).
        Customer c = customer().quiet("23:00", "02:30").build();
        Decision d = decide(request().topic("billing").build(), service(), c, at("2027-10-31T01:00", PARIS));

        assertThat(scheduledAt(d)).isEqualTo(Instant.parse("2027-10-31T00:30:00Z"));
    }

    @Test
    void springForwardInNewYorkTakesTheFirstInstantAfterTheGap() {
        // 2027-03-14: clocks jump from 02:00 to 03:00. A send window opening at 02:15 opens at 03:00 EDT.
        Customer c = customer().zone("America/New_York").window("02:15", "05:00").build();
        Decision d = decide(request().topic("billing").build(), service(), c, Instant.parse("2027-03-14T05:30:00Z"));

        assertThat(scheduledAt(d)).isEqualTo(Instant.parse("2027-03-14T07:00:00Z"));
    }

    @Test
    void fallBackInNewYorkTakesTheEarlierOffset() {
        // 2027-11-07: 01:00-02:00 happens twice; a window opening at 01:30 opens at 01:30 EDT (05:30Z).
        Customer c = customer().zone("America/New_York").window("01:30", "05:00").build();
        Decision d = decide(request().topic("billing").build(), service(), c, Instant.parse("2027-11-07T04:00:00Z"));

        assertThat(scheduledAt(d)).isEqualTo(Instant.parse("2027-11-07T05:30:00Z"));
    }

    @Test
    void usLegalHoursAcrossSpringForwardCountLocalTime() {
        // 2027-03-14 in New York: 08:00 EDT is 12:00Z, not 13:00Z.
        Decision d = decide(request().build(), smsPromotions(), usSms("US-NY").build(),
                Instant.parse("2027-03-14T06:00:00Z"));

        assertThat(scheduledAt(d)).isEqualTo(Instant.parse("2027-03-14T12:00:00Z"));
    }
}
