package dev.kairos.preferences.topics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.platform.web.FieldProblem;
import dev.kairos.preferences.common.Channel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicValidationTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");

    private final List<FieldProblem> problems = new ArrayList<>();

    private Topic parse(String topicId, TopicDefinition definition) {
        return TopicValidation.parse(topicId, definition, NOW, problems);
    }

    private List<String> invalidFields() {
        return problems.stream().map(FieldProblem::field).toList();
    }

    @Test
    void purposeDefaultsToTheTopicIdAndTopicsAreNotUrgentUnlessSaid() {
        Topic topic = parse("promotions", new TopicDefinition("Promotions", "MARKETING", null, null, List.of("EMAIL")));

        assertThat(problems).isEmpty();
        assertThat(topic).isEqualTo(new Topic("promotions", "Promotions", TopicCategory.MARKETING, "promotions", false,
                List.of(Channel.EMAIL), NOW));
    }

    @Test
    void keepsAGivenPurposeAndUrgency() {
        Topic topic = parse("password-reset",
                new TopicDefinition("Password reset", "SERVICE", "account-security", true, List.of("SMS", "EMAIL")));

        assertThat(topic.purpose()).isEqualTo("account-security");
        assertThat(topic.urgent()).isTrue();
        assertThat(topic.defaultChannels()).containsExactly(Channel.SMS, Channel.EMAIL);
    }

    @Test
    void reportsEveryInvalidFieldAtOnce() {
        Topic topic = parse("Promotions!", new TopicDefinition(" ", "ADVERTISING", null, null, List.of("EMAIL", "FAX")));

        assertThat(topic).isNull();
        assertThat(invalidFields()).containsExactly("topicId", "name", "category", "defaultChannels[1]");
    }

    @Test
    void requiresNameCategoryAndAtLeastOneDefaultChannel() {
        parse("promotions", new TopicDefinition(null, null, null, null, List.of()));

        assertThat(invalidFields()).containsExactly("name", "category", "defaultChannels");
    }

    @Test
    void refusesRepeatedDefaultChannels() {
        parse("promotions", new TopicDefinition("Promotions", "MARKETING", null, false, List.of("EMAIL", "EMAIL")));

        assertThat(problems).containsExactly(new FieldProblem("defaultChannels[1]", "repeats EMAIL"));
    }

    @Test
    void onlyServiceTopicsCanBeUrgent() {
        parse("flash-sale", new TopicDefinition("Flash sale", "MARKETING", null, true, List.of("SMS")));

        assertThat(invalidFields()).containsExactly("urgent");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "promotions", "black-friday-2026", "0day"})
    void acceptsLowercaseKebabCaseTopicIds(String topicId) {
        parse(topicId, new TopicDefinition("Name", "SERVICE", null, null, List.of("MAIL")));

        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-promotions", "Promotions", "promo_tions",
            "a2345678901234567890123456789012345678901234567890123456789012345"})
    void rejectsOtherTopicIds(String topicId) {
        parse(topicId, new TopicDefinition("Name", "SERVICE", "purpose", null, List.of("MAIL")));

        assertThat(invalidFields()).containsExactly("topicId");
    }
}
