package dev.kairos.proto.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.kairos.proto.preferences.ContactPreferences;

class ReleasedSchemasTest {

    @Test
    void theJarCarriesTheReleasedVersionsListedInItsIndex() {
        List<ReleasedSchema> contactPreferences = ReleasedSchemas.onClasspath()
                .versionsOf("dev.kairos.proto.preferences.ContactPreferences");

        assertThat(contactPreferences).extracting(ReleasedSchema::version).startsWith(1).isSorted();
        assertThat(contactPreferences.get(0).schema().getField("locale")).isNotNull();
    }

    @Test
    void theIndexMapsEachFingerprintToItsFile() {
        ReleasedSchema v1 = ReleasedSchemas.onClasspath()
                .versionsOf(ContactPreferences.getClassSchema().getFullName()).get(0);

        assertThat(ReleasedSchemas.onClasspath().index())
                .contains("dev.kairos.proto.preferences.ContactPreferences/v1.avsc " + Fingerprints.of(v1.schema()));
    }

    @Test
    void versionsAreOrderedByNumberNotByText() {
        ReleasedSchema v1 = ReleasedSchemas.onClasspath().versionsOf("dev.kairos.proto.compliance.Suppression").get(0);
        ReleasedSchemas released = ReleasedSchemas.of(List.of(
                new ReleasedSchema(10, v1.schema()), new ReleasedSchema(2, v1.schema()), new ReleasedSchema(1, v1.schema())));

        assertThat(released.versionsOf("dev.kairos.proto.compliance.Suppression"))
                .extracting(ReleasedSchema::version).containsExactly(1, 2, 10);
        assertThat(released.latestOf("dev.kairos.proto.compliance.Suppression")).get()
                .extracting(ReleasedSchema::version).isEqualTo(10);
        assertThat(released.versionsOf("dev.kairos.proto.NeverReleased")).isEmpty();
    }
}
