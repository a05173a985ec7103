package dev.kairos.preferences.customers;

import static dev.kairos.preferences.customers.PreferencesFormBuilder.camille;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.platform.web.FieldProblem;
import dev.kairos.preferences.common.Channel;
import dev.kairos.preferences.customers.PreferencesDocument.Period;
import dev.kairos.preferences.customers.PreferencesDocument.Title;
import dev.kairos.preferences.customers.PreferencesForm.Cap;
import dev.kairos.preferences.customers.PreferencesForm.Digest;
import dev.kairos.preferences.customers.PreferencesForm.PostalAddress;
import dev.kairos.preferences.customers.PreferencesForm.TopicChoice;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PreferencesValidationTest {

    private final List<FieldProblem> problems = new ArrayList<>();

    private PreferencesDocument parse(PreferencesForm form) {
        return PreferencesValidation.parse(form, Set.of(), problems);
    }

    private List<String> invalidFields() {
        return problems.stream().map(FieldProblem::field).toList();
    }

    @Test
    void readsTheDocumentOfTheApiDescription() {
        PreferencesDocument document = parse(camille().build());

        assertThat(problems).isEmpty();
        assertThat(document.locale()).isEqualTo(Locale.forLanguageTag("fr-FR"));
        assertThat(document.timeZone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(document.formOfAddress().title()).isEqualTo(Title.NONE);
        assertThat(document.contactPoints().sms()).isEqualTo("+33612345678");
        assertThat(document.contactPoints().postal().lines()).containsExactly("12 rue des Lilas");
        assertThat(document.channelPriority()).containsExactly(Channel.SMS, Channel.EMAIL, Channel.MAIL);
        assertThat(document.quietHours()).singleElement().satisfies(q -> {
            assertThat(q.from()).isEqualTo(LocalTime.of(21, 0));
            assertThat(q.to()).isEqualTo(LocalTime.of(8, 0));
            assertThat(q.channels()).containsExactly(Channel.SMS);
        });
        assertThat(document.sendWindows()).singleElement()
                .satisfies(w -> assertThat(w.days()).containsExactly(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));
        assertThat(document.topics()).containsOnlyKeys("promotions", "newsletter", "billing");
        assertThat(document.topics().get("promotions").frequency())
                .isEqualTo(new PreferencesDocument.Cap(1, Period.WEEK));
        assertThat(document.topics().get("newsletter").digest())
                .isEqualTo(new PreferencesDocument.Digest(Period.WEEK, DayOfWeek.SATURDAY, LocalTime.of(9, 0)));
        assertThat(document.overallCap()).isEqualTo(new PreferencesDocument.Cap(3, Period.WEEK));
        assertThat(document.pausedUntil()).isNull();
    }

    @Test
    void reportsEveryInvalidFieldAtOnceByItsJsonPath() {
        PreferencesForm form = camille()
                .locale("not a tag!")
                .timeZone("Mars/Olympus")
                .title("MADAM")
                .email("camille@")
                .sms("0612345678")
                .channelPriority("EMAIL", "PIGEON")
                .quietHours("25:00", "8h", "SMS")
                .topic("promotions", new TopicChoice(List.of("EMAIL"), new Cap(0, "WEEK"), null))
                .overallCap(null, "FORTNIGHT")
                .build();

        assertThat(parse(form)).isNull();
        assertThat(invalidFields()).containsExactlyInAnyOrder("locale", "timeZone", "formOfAddress.title",
                "contactPoints.email", "contactPoints.sms", "channelPriority[1]", "quietHours[0].from",
                "quietHours[0].to", "topics.promotions.frequency.max", "overallCap.max", "overallCap.per");
    }

    @Test
    void rejectsTopicsTheCatalogueDoesNotHold() {
        PreferencesDocument document = PreferencesValidation.parse(camille().build(), Set.of("newsletter"), problems);

        assertThat(document).isNull();
        assertThat(problems).containsExactly(new FieldProblem("topics.newsletter", "unknown topic"));
    }

    @Test
    void requiresLocaleAndTimeZone() {
        parse(camille().locale(null).timeZone(null).build());

        assertThat(invalidFields()).containsExactly("locale", "timeZone");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fr", "fr-FR", "en", "en-GB", "pt-BR", "zh-Hant-TW"})
    void acceptsBcp47LanguageTags(String tag) {
        PreferencesDocument document = parse(camille().locale(tag).build());

        assertThat(problems).isEmpty();
        assertThat(document.locale().toLanguageTag()).isEqualTo(tag);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fr_FR", "french-France", "xx-FR", "fr-XX", "", "12"})
    void rejectsWhatIsNotALanguageTag(String tag) {
        parse(camille().locale(tag).build());

        assertThat(invalidFields()).containsExactly("locale");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+01:00", "UTC+1", "CET1", "Europe/Pariss"})
    void rejectsTimeZonesThatAreNotIanaIds(String zone) {
        parse(camille().timeZone(zone).build());

        assertThat(invalidFields()).containsExactly("timeZone");
    }

    @Test
    void trimsTheEmailAndLowercasesOnlyItsDomain() {
        PreferencesDocument document = parse(camille().email("  Camille.Durand@Example.FR ").build());

        assertThat(document.contactPoints().email()).isEqualTo("Camille.Durand@example.fr");
    }

    @ParameterizedTest
    @ValueSource(strings = {"camille", "@example.fr", "camille@example", "camille durand@example.fr",
            "camille..durand@example.fr", "camille@-example.fr"})
    void rejectsEmailAddressesThatAreNotWellFormed(String email) {
        parse(camille().email(email).build());

        assertThat(invalidFields()).containsExactly("contactPoints.email");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0612345678", "0033612345678", "+0612345678", "+12345", "+1234567890123456",
            "+33612", "+33 6 12 34 56 78 99", "+999612345678"})
    void requiresValidSmsNumbersInE164(String number) {
        parse(camille().sms(number).build());

        assertThat(invalidFields()).containsExactly("contactPoints.sms");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+33142685300", "+33800123456"})
    void refusesNumbersThatCannotReceiveTextMessages(String fixedLineOrTollFree) {
        parse(camille().sms(fixedLineOrTollFree).build());

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("contactPoints.sms");
            assertThat(p.message()).contains("text messages");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"+33 6 12 34 56 78", " +33.6.12.34.56.78 "})
    void normalisesSpacedPhoneNumbersToE164(String number) {
        assertThat(parse(camille().sms(number).build()).contactPoints().sms()).isEqualTo("+33612345678");
    }

    @Test
    void derivesTheJurisdictionFromThePhoneWithoutAPostalAddress() {
        PreferencesDocument french = parse(camille().jurisdiction(null).postal(null).sms("+33612345678").build());
        PreferencesDocument american = parse(camille().jurisdiction(null).postal(null).sms("+13055550100").build());

        assertThat(problems).isEmpty();
        assertThat(french.jurisdiction()).isEqualTo("FR");
        assertThat(american.jurisdiction()).isEqualTo("US");
    }

    @Test
    void prefersThePostalRegionToThePhoneCountry() {
        PreferencesDocument document = parse(camille().jurisdiction(null).sms("+13055550100")
                .postal(new PostalAddress("Sam Doe", List.of("1 Ocean Drive"), "33139", "Miami Beach", "US", "US-FL"))
                .build());

        assertThat(document.jurisdiction()).isEqualTo("US-FL");
    }

    @Test
    void normalisesTheEmailByTrimmingAndLowerCasingTheDomain() {
        assertThat(parse(camille().email("  Camille.Durand@Example.FR ").build()).contactPoints().email())
                .isEqualTo("Camille.Durand@example.fr");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NONE", "MS", "MRS", "MR", "MX", "DR"})
    void acceptsEveryFormOfAddressIncludingNone(String title) {
        PreferencesDocument document = parse(camille().title(title).build());

        assertThat(document.formOfAddress().title()).isEqualTo(Title.valueOf(title));
    }

    @Test
    void givesNoTitleWhenTheFormOfAddressIsAbsent() {
        PreferencesForm form = camille().build();
        PreferencesForm withoutFormOfAddress = new PreferencesForm(form.locale(), form.timeZone(), form.jurisdiction(),
                null, form.contactPoints(), form.channelPriority(), form.quietHours(), form.sendWindows(),
                form.topics(), form.overallCap(), form.pausedUntil());

        assertThat(parse(withoutFormOfAddress).formOfAddress().title()).isEqualTo(Title.NONE);
    }

    @Test
    void keepsTheDifferenceBetweenCatalogueDefaultsAndOptingOut() {
        PreferencesDocument document = parse(camille()
                .topic("promotions", new TopicChoice(List.of(), null, null))
                .topic("billing", new TopicChoice(null, null, null))
                .build());

        assertThat(document.topics().get("promotions").channels()).isEmpty();
        assertThat(document.topics().get("billing").channels()).isNull();
    }

    @Test
    void requiresTheDayOfAWeeklyDigestAndRefusesOneForADailyDigest() {
        parse(camille()
                .topic("newsletter", new TopicChoice(null, null, new Digest("WEEK", null, "09:00")))
                .topic("billing", new TopicChoice(null, null, new Digest("DAY", "MONDAY", "9:00")))
                .topic("promotions", new TopicChoice(null, null, new Digest("MONTH", null, "09:00")))
                .build());

        assertThat(invalidFields()).containsExactlyInAnyOrder("topics.newsletter.digest.on", "topics.billing.digest.on",
                "topics.billing.digest.at", "topics.promotions.digest.every");
    }

    @Test
    void namesInvalidDaysAndTimesOfSendWindowsByPosition() {
        parse(camille().sendWindow("10:00", "10:00", "SATURDAY", "Sunday").build());

        assertThat(invalidFields()).containsExactly("sendWindows[0].days[1]", "sendWindows[0].to");
    }

    @Test
    void derivesTheJurisdictionFromThePostalAddressWhenAbsent() {
        PreferencesDocument document = parse(camille()
                .jurisdiction(null)
                .postal(new PostalAddress("Sam Doe", List.of("1 Ocean Drive"), "33139", "Miami Beach", "us", "us-fl"))
                .build());

        assertThat(document.jurisdiction()).isEqualTo("US-FL");
        assertThat(document.contactPoints().postal().country()).isEqualTo("US");
    }

    @Test
    void namesEachMissingPartOfThePostalAddress() {
        parse(camille().postal(new PostalAddress(" ", List.of(), null, " ", "FR", "DE-BY")).build());

        assertThat(invalidFields()).containsExactly("contactPoints.postal.recipient", "contactPoints.postal.lines",
                "contactPoints.postal.postalCode", "contactPoints.postal.city", "contactPoints.postal.region");
    }

    @Test
    void requiresAnIsoCountryInThePostalAddress() {
        parse(camille().postal(new PostalAddress("Camille Durand", List.of("12 rue des Lilas"), "75011", "Paris",
                "XX", null)).build());

        assertThat(invalidFields()).containsExactly("contactPoints.postal.country");
    }

    @Test
    void rejectsJurisdictionsOutsideIso3166() {
        parse(camille().jurisdiction("EU").build());

        assertThat(invalidFields()).containsExactly("jurisdiction");
    }

    @Test
    void readsPausedUntilWithAnyOffsetAsAnInstant() {
        PreferencesDocument document = parse(camille().pausedUntil("2026-12-01T09:00:00+01:00").build());

        assertThat(document.pausedUntil()).isEqualTo(Instant.parse("2026-12-01T08:00:00Z"));
    }

    @Test
    void reportsAMissingBody() {
        assertThat(PreferencesValidation.parse(null, Set.of(), problems)).isNull();
        assertThat(problems).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"c-42", "crm:42", "A.b_c-9", "x"})
    void acceptsCustomerIdsOfTheDocumentedAlphabet(String customerId) {
        PreferencesValidation.checkCustomerId(customerId, problems);

        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "c 42", "c/42", "é"})
    void rejectsOtherCustomerIds(String customerId) {
        PreferencesValidation.checkCustomerId(customerId, problems);

        assertThat(invalidFields()).containsExactly("customerId");
    }

    @Test
    void readingTheFormOfADocumentGivesTheSameDocument() {
        PreferencesDocument document = parse(camille().email("Camille@EXAMPLE.fr").pausedUntil("2026-12-01T08:00:00Z").build());

        assertThat(parse(PreferencesForm.of(document))).isEqualTo(document);
        assertThat(problems).isEmpty();
    }

    @Test
    void restoringTheStoredFormOfADocumentGivesTheSameDocument() {
        PreferencesDocument document = parse(camille().email("Camille@EXAMPLE.fr").sms("+33 6 12 34 56 78")
                .pausedUntil("2026-12-01T08:00:00Z").build());

        assertThat(PreferencesValidation.restore(PreferencesForm.of(document), problems)).isEqualTo(document);
        assertThat(problems).isEmpty();
    }

    @Test
    void aStoredNumberIsTakenAsWrittenNotCheckedAgain() {
        // A number today's checks refuse (a fixed line), as if numbering plans had changed since it was
        // accepted: the stored preferences must still read, and must still name it.
        PreferencesForm stored = camille().sms("+33142685300").build();

        PreferencesDocument document = PreferencesValidation.restore(stored, problems);

        assertThat(problems).isEmpty();
        assertThat(document.contactPoints().sms()).isEqualTo("+33142685300");
        assertThat(parse(stored)).isNull();
    }

    @Test
    void collectionsLongerThanTheirBoundAreEachOneProblemNamingTheBound() {
        List<String> manyLines = Collections.nCopies(6, "12 rue des Lilas");
        PreferencesFormBuilder form = camille()
                .quietHours(Collections.nCopies(100_000, new PreferencesForm.QuietHours("21:00", "08:00", List.of("SMS"))))
                .sendWindows(Collections.nCopies(21, new PreferencesForm.SendWindow(
                        Collections.nCopies(8, "MONDAY"), "10:00", "12:00")))
                .postal(new PostalAddress("Camille Durand", manyLines, "75011", "Paris", "FR", null))
                .channelPriority("SMS", "EMAIL", "MAIL", "SMS");
        for (int i = 0; i < 101; i++) {
            form.topic("topic-" + i, new TopicChoice(List.of("EMAIL"), null, null));
        }

        assertThat(parse(form.build())).isNull();

        assertThat(problems).contains(
                new FieldProblem("quietHours", "must hold at most 20 entries"),
                new FieldProblem("sendWindows", "must hold at most 20 entries"),
                new FieldProblem("contactPoints.postal.lines", "must hold at most 5 entries"),
                new FieldProblem("topics", "must hold at most 100 entries"),
                new FieldProblem("channelPriority", "must hold at most 3 channels"),
                new FieldProblem("sendWindows[0].days", "must hold at most 7 entries"));
        // Bounded work and a bounded answer: the entries past a bound are not read one by one.
        assertThat(problems).hasSizeLessThan(200);
    }

    @Test
    void collectionsAtTheirBoundAreAccepted() {
        PreferencesDocument document = parse(camille()
                .quietHours(Collections.nCopies(20, new PreferencesForm.QuietHours("21:00", "08:00", List.of("SMS"))))
                .postal(new PostalAddress("Camille Durand", Collections.nCopies(5, "12 rue des Lilas"),
                        "75011", "Paris", "FR", null))
                .build());

        assertThat(problems).isEmpty();
        assertThat(document.quietHours()).hasSize(20);
    }

    @Test
    void aStoredDocumentBeyondTodaysBoundsStillReads() {
        PreferencesForm stored = camille()
                .quietHours(Collections.nCopies(21, new PreferencesForm.QuietHours("21:00", "08:00", List.of("SMS"))))
                .build();

        assertThat(PreferencesValidation.restore(stored, problems).quietHours()).hasSize(21);
        assertThat(problems).isEmpty();
    }
}
