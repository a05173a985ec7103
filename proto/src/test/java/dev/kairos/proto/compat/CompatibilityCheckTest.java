package dev.kairos.proto.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import dev.kairos.proto.compat.Contract.Cleanup;
import dev.kairos.proto.serde.ReleasedSchema;
import dev.kairos.proto.serde.ReleasedSchemas;

class CompatibilityCheckTest {

    private static final Schema CONTACT_PREFERENCES_V1 = SchemaEdits.releasedV1("dev.kairos.proto.preferences.ContactPreferences");
    private static final ReleasedSchemas CONTACT_PREFERENCES_RELEASED =
            ReleasedSchemas.of(List.of(new ReleasedSchema(1, CONTACT_PREFERENCES_V1)));

    @Test
    void theCurrentSchemasReadAndAreReadByEveryVersionReleasedInTheJar() {
        assertThat(CompatibilityCheck.problems(Contract.ALL, ReleasedSchemas.onClasspath())).isEmpty();
    }

    @Test
    void everyTopicValueRecordHasBeenReleased() {
        assertThat(Contract.ALL).allSatisfy(contract ->
                assertThat(ReleasedSchemas.onClasspath().versionsOf(contract.fullName())).isNotEmpty());
    }

    @Test
    void namesTheSchemaAndTheFieldAddedWithoutADefault() {
        Schema current = SchemaEdits.addField(CONTACT_PREFERENCES_V1, "ContactPreferences",
                "{\"name\": \"nickname\", \"type\": \"string\"}");

        assertThat(problemsOfCompacted(current)).containsExactly(
                "dev.kairos.proto.preferences.ContactPreferences: field 'nickname' was added without a default;"
                        + " data written by released v1 cannot be read");
    }

    @Test
    void acceptsAFieldAddedWithADefault() {
        Schema current = SchemaEdits.addField(CONTACT_PREFERENCES_V1, "ContactPreferences",
                "{\"name\": \"nickname\", \"type\": [\"null\", \"string\"], \"default\": null}");

        assertThat(problemsOfCompacted(current)).isEmpty();
    }

    @Test
    void namesTheNestedRecordAndThePathOfAFieldAddedWithoutADefault() {
        Schema current = SchemaEdits.addField(CONTACT_PREFERENCES_V1, "FormOfAddress",
                "{\"name\": \"nickname\", \"type\": \"string\"}");

        assertThat(problemsOfCompacted(current)).containsExactly(
                "dev.kairos.proto.preferences.ContactPreferences: field 'formOfAddress.nickname'"
                        + " (in dev.kairos.proto.preferences.FormOfAddress) was added without a default;"
                        + " data written by released v1 cannot be read");
    }

    @Test
    void findsTheFieldInsideARecordThatSitsInAnOptionalUnion() {
        Schema current = SchemaEdits.addField(CONTACT_PREFERENCES_V1, "FrequencyCap",
                "{\"name\": \"rolling\", \"type\": \"boolean\"}");

        // FrequencyCap is used first in topics' values, then again in the optional overallCap.
        assertThat(problemsOfCompacted(current)).containsExactly(
                "dev.kairos.proto.preferences.ContactPreferences: field 'topics.frequency.rolling'"
                        + " (in dev.kairos.proto.preferences.FrequencyCap) was added without a default;"
                        + " data written by released v1 cannot be read",
                "dev.kairos.proto.preferences.ContactPreferences: field 'overallCap.rolling'"
                        + " (in dev.kairos.proto.preferences.FrequencyCap) was added without a default;"
                        + " data written by released v1 cannot be read");
    }

    @Test
    void namesTheRemovedFieldThatReleasedReadersOfACompactedTopicNeed() {
        Schema current = SchemaEdits.removeField(CONTACT_PREFERENCES_V1, "ContactPreferences", "locale");

        assertThat(problemsOfCompacted(current)).containsExactly(
                "dev.kairos.proto.preferences.ContactPreferences: field 'locale' was removed;"
                        + " released v1 readers of this compacted topic need it");
    }

    @Test
    void letsATopicThatDeletesOldMessagesDropAField() {
        Schema v1 = SchemaEdits.releasedV1("dev.kairos.proto.compliance.CustomerErased");
        Schema current = SchemaEdits.removeField(v1, "CustomerErased", "erasedAt");

        List<String> problems = CompatibilityCheck.problems(List.of(new Contract(current, Cleanup.DELETE)),
                ReleasedSchemas.of(List.of(new ReleasedSchema(1, v1))));

        assertThat(problems).isEmpty();
    }

    @Test
    void namesAFieldWhoseTypeChanged() {
        Schema current = SchemaEdits.replaceFieldType(CONTACT_PREFERENCES_V1, "ContactPreferences", "version", "\"string\"");

        assertThat(problemsOfCompacted(current)).containsExactly(
                "dev.kairos.proto.preferences.ContactPreferences: field 'version' changed type from long to string;"
                        + " data written by released v1 cannot be read",
                "dev.kairos.proto.preferences.ContactPreferences: field 'version' changed type from long to string;"
                        + " released v1 readers of this compacted topic cannot read it");
    }

    @Test
    void namesTheEnumSymbolsThatDisappeared() {
        Schema current = SchemaEdits.removeSymbol(CONTACT_PREFERENCES_V1, "Title", "DR");

        assertThat(problemsOfCompacted(current)).containsExactly(
                "dev.kairos.proto.preferences.ContactPreferences: field 'formOfAddress.title'"
                        + " (in dev.kairos.proto.preferences.FormOfAddress) lost enum symbols [DR];"
                        + " data written by released v1 cannot be read");
    }

    @Test
    void checksEveryReleasedVersionSoARemovedNameCannotComeBackWithAnotherType() {
        Schema v2 = SchemaEdits.removeField(CONTACT_PREFERENCES_V1, "ContactPreferences", "jurisdiction");
        Schema current = SchemaEdits.addField(v2, "ContactPreferences",
                "{\"name\": \"jurisdiction\", \"type\": \"long\", \"default\": 0}");
        ReleasedSchemas released = ReleasedSchemas.of(List.of(
                new ReleasedSchema(1, CONTACT_PREFERENCES_V1), new ReleasedSchema(2, v2)));

        List<String> problems = CompatibilityCheck.problems(List.of(new Contract(current, Cleanup.DELETE)), released);

        assertThat(problems).containsExactly(
                "dev.kairos.proto.preferences.ContactPreferences: field 'jurisdiction' changed type"
                        + " from union { null, string } to long; data written by released v1 cannot be read");
    }

    private static List<String> problemsOfCompacted(Schema current) {
        return CompatibilityCheck.problems(List.of(new Contract(current, Cleanup.COMPACT)), CONTACT_PREFERENCES_RELEASED);
    }
}
