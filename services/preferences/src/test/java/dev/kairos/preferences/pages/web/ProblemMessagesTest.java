package dev.kairos.preferences.pages.web;

import static dev.kairos.preferences.customers.PreferencesFormBuilder.camille;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.platform.web.FieldProblem;
import dev.kairos.preferences.customers.PreferencesForm;
import dev.kairos.preferences.customers.PreferencesForm.Cap;
import dev.kairos.preferences.customers.PreferencesForm.Digest;
import dev.kairos.preferences.customers.PreferencesForm.PostalAddress;
import dev.kairos.preferences.customers.PreferencesForm.TopicChoice;
import dev.kairos.preferences.customers.PreferencesValidation;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProblemMessagesTest {

    private static Properties texts(String file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ProblemMessagesTest.class.getClassLoader().getResourceAsStream("i18n/" + file)) {
            properties.load(in);
        }
        return properties;
    }

    @Test
    void everyTextHasItsFrenchTranslation() throws IOException {
        assertThat(texts("pages_fr.properties").stringPropertyNames())
                .containsExactlyInAnyOrderElementsOf(texts("pages.properties").stringPropertyNames());
    }

    @Test
    void aFrenchCustomerReadsEveryProblemOfAFormInFrench() {
        List<FieldProblem> problems = new ArrayList<>();
        PreferencesForm wrong = camille().locale("français").timeZone("Paris").email("camille@").sms("06 12")
                .postal(new PostalAddress(null, List.of(), "75011", "Paris", "France", null))
                .jurisdiction("Gaul").title("Sir").channelPriority("SMS", "SMS", "PIGEON")
                .quietHours("21:00", "21:00", "SMS").sendWindow("25:00", "12:00", "SATURDAY", "SATURDAY")
                .topic("newsletter", new TopicChoice(List.of("EMAIL"), new Cap(0, null), null))
                .topic("promotions", new TopicChoice(List.of("EMAIL"), null, new Digest("YEAR", null, "9h")))
                .overallCap(1, "DAY").pausedUntil("tomorrow").build();
        PreferencesValidation.parse(wrong, Set.of("newsletter"), problems);

        List<FieldProblem> french = ProblemMessages.in(PageRenderer.FRENCH, problems);

        assertThat(problems).hasSizeGreaterThan(15);
        assertThat(french).extracting(FieldProblem::field).containsExactlyElementsOf(
                problems.stream().map(FieldProblem::field).toList());
        for (int i = 0; i < problems.size(); i++) {
            assertThat(french.get(i).message()).as(problems.get(i).message())
                    .isNotEqualTo(problems.get(i).message()).doesNotContain("{", "must ");
        }
    }

    @Test
    void valuesInAMessageAreCarriedIntoTheTranslation() {
        List<FieldProblem> french = ProblemMessages.in(PageRenderer.FRENCH, List.of(
                new FieldProblem("contactPoints.postal.city", "must be at most 200 characters"),
                new FieldProblem("channelPriority[1]", "repeats SMS"),
                new FieldProblem("formOfAddress.title", "must be one of NONE, MS, MRS, MR, MX, DR")));

        assertThat(french).extracting(FieldProblem::message).containsExactly("doit comporter au plus 200 caractères",
                "répète SMS", "doit être l’une des valeurs NONE, MS, MRS, MR, MX, DR");
    }

    @Test
    void anEnglishCustomerReadsTheMessagesAsTheyAreAndAnUnknownMessageIsNeverHidden() {
        List<FieldProblem> problems = List.of(new FieldProblem("timeZone", "must be an IANA time zone id such as Europe/Paris"),
                new FieldProblem("", "something no page text names yet"));

        assertThat(ProblemMessages.in(PageRenderer.ENGLISH, problems)).isEqualTo(problems);
        assertThat(ProblemMessages.in(PageRenderer.FRENCH, problems).get(1)).isEqualTo(problems.get(1));
    }
}
