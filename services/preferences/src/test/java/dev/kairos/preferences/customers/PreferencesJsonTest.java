package dev.kairos.preferences.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PreferencesJsonTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void theVersionBecomesTheLastPropertyOfTheStoredObject() {
        String body = new PreferencesJson(7, "{\"locale\":\"fr-FR\",\"topics\":{\"news\":{\"channels\":[\"EMAIL\"]}}}")
                .withVersion();

        assertThat(body).isEqualTo("{\"locale\":\"fr-FR\",\"topics\":{\"news\":{\"channels\":[\"EMAIL\"]}},\"version\":7}");
        JsonNode read = json.readTree(body);
        assertThat(read.get("version").asLong()).isEqualTo(7);
        assertThat(read.get("topics").get("news").get("channels").get(0).asString()).isEqualTo("EMAIL");
    }

    @Test
    void textAsPostgreSqlPrintsItAndAnEmptyObjectStillGiveValidJson() {
        // Rows written before the column kept the service's text carry jsonb's spacing.
        assertThat(json.readTree(new PreferencesJson(2, "{\"locale\": \"en-GB\", \"timeZone\": \"Europe/London\"} \n")
                .withVersion()).get("version").asLong()).isEqualTo(2);
        assertThat(new PreferencesJson(1, "{ }").withVersion()).isEqualTo("{\"version\":1}");
    }

    @Test
    void aStoredValueThatIsNotAnObjectIsRefused() {
        assertThatThrownBy(() -> new PreferencesJson(1, "[1, 2]").withVersion()).isInstanceOf(IllegalStateException.class);
    }
}
