package dev.kairos.dispatch.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestRuleTest {

    @Test
    void aValidRequestHasNoProblem() {
        assertThat(RequestRule.problems(email("{{salutation}}, -30 %", "Bonjour {{givenName}} {{#x}}{{/x}}"))).isEmpty();
    }

    @Test
    void aTemplateThatDoesNotCompileNamesItsPart() {
        List<RequestRule.Problem> problems = RequestRule.problems(email("x", "{{/oops}}"));

        assertThat(problems).extracting(RequestRule.Problem::field).containsExactly("content.EMAIL.text");
        assertThat(problems.get(0).reason()).isEqualTo(Reason.INVALID_TEMPLATE);
        assertThat(RequestRule.problems(email("{{#open}}", "fine"))).extracting(RequestRule.Problem::field)
                .containsExactly("content.EMAIL.subject");
        assertThat(RequestRule.problems(submission(Map.of("EMAIL", new Submission.Part("s", "t", "<p>{{#offers}}</p>")))))
                .extracting(RequestRule.Problem::field).containsExactly("content.EMAIL.html");
    }

    @Test
    void whatTheParserLetsThroughButNoAuthorMeansIsAnInvalidTemplate() {
        for (String broken : List.of("Hello {{salutation", "{{#}}{{/}}", "{{ }}", "{{> footer}}", "{{=<% %>=}}<%x%>",
                "{{a {{b}}")) {
            assertThat(RequestRule.problems(email("x", broken))).as(broken)
                    .extracting(RequestRule.Problem::field, RequestRule.Problem::reason)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("content.EMAIL.text", Reason.INVALID_TEMPLATE));
        }
        for (String fine : List.of("{{{salutation}}} and {{&givenName}}", "{{! a comment }}{{x}}", "50 }} 60", "{}{{x}}{}")) {
            assertThat(RequestRule.problems(email("x", fine))).as(fine).isEmpty();
        }
    }

    @Test
    void eachChannelIsNamedAtMostOnce() {
        Submission repeated = new Submission("r-1", "c-1", "promotions", java.util.Collections.nCopies(100_000, Channel.EMAIL),
                Map.of("EMAIL", new Submission.Part("s", "t", null)), null, Map.of(), null, null, null, null);

        assertThat(fields(repeated)).containsExactly("channels");
    }

    @Test
    void aRequestNamesAKnownTemplateInsteadOfCarryingContent() {
        Submission named = new Submission("r-1", "c-1", "promotions", List.of(), Map.of(), "welcome", Map.of("code", "X1"),
                null, null, null, null);
        Submission both = new Submission("r-1", "c-1", "promotions", List.of(),
                Map.of("EMAIL", new Submission.Part("s", "t", null)), "welcome", Map.of(), null, null, null, null);
        RequestRule.Known welcomeOnly = new RequestRule.Known(topic -> Optional.of(true),
                template -> Optional.of(template.equals("welcome")));

        assertThat(RequestRule.problems(named, welcomeOnly)).isEmpty();
        assertThat(RequestRule.problems(both, welcomeOnly)).extracting(RequestRule.Problem::field).containsExactly("content");
        Submission unknown = new Submission("r-1", "c-1", "promotions", List.of(), Map.of(), "farewell", Map.of(), null,
                null, null, null);
        assertThat(RequestRule.problems(unknown, welcomeOnly)).containsExactly(new RequestRule.Problem("templateId",
                "is not a stored template (PUT /api/v1/templates/farewell)", Reason.INVALID_TEMPLATE));
        // While the replicas cannot tell yet, nothing is refused for it: the engine checks again.
        assertThat(RequestRule.problems(unknown)).isEmpty();
    }

    @Test
    void anUnknownTopicIsAProblemOfTheTopic() {
        RequestRule.Known noTopics = new RequestRule.Known(topic -> Optional.of(false), template -> Optional.of(true));

        assertThat(RequestRule.problems(email("s", "t"), noTopics)).containsExactly(
                new RequestRule.Problem("topic", "is not in the topic catalogue", Reason.INVALID_REQUEST));
    }

    @Test
    void partsAreBoundedPerChannel() {
        assertThat(fields(submission(Map.of("SMS", new Submission.Part(null, "x".repeat(1_601), null))))).containsExactly("content.SMS.text");
        assertThat(fields(submission(Map.of("SMS", new Submission.Part(null, "x".repeat(1_600), null))))).isEmpty();
        assertThat(fields(email("s", "x".repeat(100_001)))).containsExactly("content.EMAIL.text");
        assertThat(fields(email("s", "x".repeat(100_000)))).isEmpty();
        assertThat(fields(submission(Map.of("EMAIL", new Submission.Part("s", null, "x".repeat(500_001))))))
                .containsExactly("content.EMAIL.html");
        assertThat(fields(email("s".repeat(999), "t"))).containsExactly("content.EMAIL.subject");
        assertThat(fields(email(null, "t"))).containsExactly("content.EMAIL.subject");
    }

    @Test
    void variablesAreBoundedInNumberAndLength() {
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i <= RequestRule.MAX_VARIABLES; i++) {
            many.put("v" + i, "x");
        }
        assertThat(fields(withVariables(many))).containsExactly("variables");
        assertThat(fields(withVariables(Map.of("v", "x".repeat(2_001))))).containsExactly("variables");
        assertThat(fields(withVariables(Map.of("v".repeat(65), "x")))).containsExactly("variables");
        assertThat(fields(withVariables(Map.of("v".repeat(64), "x".repeat(2_000))))).isEmpty();
    }

    @Test
    void idsTopicAndChannelNamesHaveTheirShapes() {
        Submission s = new Submission("bad id!", "c".repeat(129), "No Such Topic", List.of(),
                Map.of("FAX", new Submission.Part(null, "t", null)), null, Map.of(), null, null, "x".repeat(201), null);

        assertThat(fields(s)).containsExactly("requestId", "customerId", "topic", "content", "campaignId");
    }

    @Test
    void aRecipientAddressNeedsContentForItsChannel() {
        Submission smsToEmail = new Submission("r-1", "c-1", "double-opt-in", List.of(),
                Map.of("SMS", new Submission.Part(null, "Confirmez", null)), null, Map.of(), null, null, null,
                "new@example.fr");
        Submission letter = new Submission("r-1", "c-1", "double-opt-in", List.of(Channel.MAIL),
                Map.of("MAIL", new Submission.Part(null, "Confirmez", null)), null, Map.of(), null, null, null,
                "Camille Durand, 1 rue de la Paix, 75002 Paris");
        Submission postalWithoutMail = new Submission("r-1", "c-1", "double-opt-in", List.of(),
                Map.of("MAIL", new Submission.Part(null, "Confirmez", null)), null, Map.of(), null, null, null,
                "1 rue de la Paix, Paris");

        assertThat(fields(smsToEmail)).containsExactly("recipientAddress");
        assertThat(fields(letter)).isEmpty();
        assertThat(fields(postalWithoutMail)).containsExactly("recipientAddress");
    }

    @Test
    void expiryMustFollowNotBefore() {
        Instant at = Instant.parse("2026-11-27T07:00:00Z");
        Submission s = new Submission("r-1", "c-1", "promotions", List.of(),
                Map.of("EMAIL", new Submission.Part("s", "t", null)), null, Map.of(), at, at, null, null);

        assertThat(fields(s)).containsExactly("expiresAt");
    }

    private static List<String> fields(Submission s) {
        return RequestRule.problems(s).stream().map(RequestRule.Problem::field).toList();
    }

    private static Submission email(String subject, String text) {
        return submission(Map.of("EMAIL", new Submission.Part(subject, text, null)));
    }

    private static Submission withVariables(Map<String, String> variables) {
        return new Submission("r-1", "c-1", "promotions", List.of(), Map.of("EMAIL", new Submission.Part("s", "t", null)),
                null, variables, null, null, null, null);
    }

    private static Submission submission(Map<String, Submission.Part> content) {
        return new Submission("r-1", "c-1", "promotions", List.of(), content, null, Map.of(), null, null, null, null);
    }
}
