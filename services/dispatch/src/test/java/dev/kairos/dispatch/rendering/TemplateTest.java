package dev.kairos.dispatch.rendering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.dispatch.decision.RequestRule;
import dev.kairos.dispatch.decision.Submission;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a template must be to be stored, and which locale a customer gets. */
class TemplateTest {

    private static final Map<String, Submission.Part> ENGLISH = Map.of(
            "EMAIL", new Submission.Part("{{salutation}}, your code", "Use {{code}}. {{unsubscribeUrl}}", null));
    private static final Map<String, Submission.Part> FRENCH = Map.of(
            "EMAIL", new Submission.Part("{{salutation}}, votre code", "Utilisez {{code}}.", "<p>{{#code}}{{.}}{{/code}}</p>"),
            "SMS", new Submission.Part(null, "Code {{code}}", null));

    @Test
    void aValidTemplateHasNoProblems() {
        assertThat(TemplateRule.problems(template(Map.of("en", ENGLISH, "fr", FRENCH)))).isEmpty();
    }

    @Test
    void aCustomerGetsTheirLocaleThenTheirLanguageThenTheDefault() {
        Template t = new Template("welcome", "en", List.of("code"), Map.of("en", ENGLISH, "fr", FRENCH, "fr-CA", FRENCH));

        assertThat(t.localeFor("fr-CA")).isEqualTo("fr-CA");
        assertThat(t.localeFor("fr_ca")).isEqualTo("fr-CA");
        assertThat(t.localeFor("fr-FR")).isEqualTo("fr");
        assertThat(t.localeFor("de-DE")).isEqualTo("en");
        assertThat(t.localeFor(null)).isEqualTo("en");
        assertThat(new Template("w", "en", List.of(), Map.of("en", ENGLISH, "fr-BE", FRENCH)).localeFor("fr"))
                .isEqualTo("fr-BE");
        assertThat(t.contentFor("fr-FR")).isSameAs(FRENCH);
    }

    @Test
    void aPartUsingANameNothingFillsIsRefusedNamingThePart() {
        Map<String, Submission.Part> typo = Map.of("EMAIL", new Submission.Part("{{salutaton}}", "Use {{code}}.", null));

        assertThat(fields(template(Map.of("en", ENGLISH, "fr", typo)))).containsExactly("locales.fr.EMAIL.subject");
        assertThat(TemplateRule.problems(template(Map.of("en", ENGLISH, "fr", typo))).get(0).message())
                .contains("{{salutaton}}");
        assertThat(fields(new Template("welcome", "en", List.of(), Map.of("en", ENGLISH))))
                .containsExactly("locales.en.EMAIL.text");
    }

    @Test
    void partsMeetTheRulesOfARequestsContent() {
        Map<String, Submission.Part> broken = new HashMap<>();
        broken.put("EMAIL", new Submission.Part(null, "{{/oops}}", null));
        broken.put("SMS", new Submission.Part(null, "x".repeat(RequestRule.MAX_SMS_TEXT + 1), null));
        broken.put("MAIL", new Submission.Part(null, "{{> partial}}", null));

        assertThat(fields(template(Map.of("en", ENGLISH, "fr", broken)))).containsExactlyInAnyOrder(
                "locales.fr.EMAIL.subject", "locales.fr.EMAIL.text", "locales.fr.SMS.text", "locales.fr.MAIL.text");
    }

    @Test
    void localesVariablesAndTheDefaultHaveTheirShapes() {
        assertThat(fields(new Template("welcome", "de", List.of("code"), Map.of("en", ENGLISH))))
                .containsExactly("defaultLocale");
        assertThat(fields(new Template("welcome", "en", List.of("code", "salutation"), Map.of("en", ENGLISH))))
                .containsExactly("variables");
        assertThat(fields(new Template("welcome", "en", List.of("code"), Map.of("en", ENGLISH, "not a locale", FRENCH))))
                .containsExactly("locales");
        assertThat(fields(new Template("welcome", "en", List.of("code"), Map.of("en", ENGLISH,
                "fr", Map.of("FAX", new Submission.Part(null, "t", null)))))).containsExactly("locales.fr");
        assertThat(fields(new Template("bad id!", "en", List.of("code"), Map.of("en", ENGLISH))))
                .containsExactly("templateId");
        assertThat(fields(new Template("welcome", "en", List.of(), Map.of()))).containsExactly("locales", "defaultLocale");
    }

    @Test
    void theWholeTemplateFitsInOneRecord() {
        Map<String, Map<String, Submission.Part>> locales = new HashMap<>();
        for (String locale : List.of("en", "fr", "de", "es")) {
            locales.put(locale, Map.of("EMAIL", new Submission.Part("s", null, "x".repeat(RequestRule.MAX_HTML))));
        }
        assertThat(fields(new Template("big", "en", List.of(), locales))).containsExactly("locales");
    }

    private static Template template(Map<String, Map<String, Submission.Part>> locales) {
        return new Template("welcome", "en", List.of("code"), locales);
    }

    private static List<String> fields(Template t) {
        return TemplateRule.problems(t).stream().map(RequestRule.Problem::field).toList();
    }
}
