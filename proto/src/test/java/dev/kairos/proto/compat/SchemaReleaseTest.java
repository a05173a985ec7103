package dev.kairos.proto.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;

import dev.kairos.proto.compat.Contract.Cleanup;
import dev.kairos.proto.compliance.Suppression;
import dev.kairos.proto.serde.ReleasedSchema;
import dev.kairos.proto.serde.ReleasedSchemas;

class SchemaReleaseTest {

    private static final Schema SUPPRESSION = SchemaEdits.releasedV1("dev.kairos.proto.compliance.Suppression");

    @Test
    void releasesNothingWhileTheCurrentSchemaMatchesTheLatestRelease() {
        Schema sameButDocumented = new Schema.Parser().parse(SUPPRESSION.toString().replace(
                "A do-not-contact entry for one address", "A do-not-contact entry, per address"));

        List<ReleasedSchema> next = SchemaRelease.nextVersions(List.of(new Contract(sameButDocumented, Cleanup.COMPACT)),
                ReleasedSchemas.of(List.of(new ReleasedSchema(1, SUPPRESSION))));

        assertThat(next).isEmpty();
    }

    @Test
    void releasesAChangedSchemaAsTheNextVersion() {
        Schema current = SchemaEdits.addField(SUPPRESSION, "Suppression",
                "{\"name\": \"note\", \"type\": [\"null\", \"string\"], \"default\": null}");
        ReleasedSchemas released = ReleasedSchemas.of(List.of(
                new ReleasedSchema(1, SUPPRESSION), new ReleasedSchema(2, SUPPRESSION)));

        List<ReleasedSchema> next = SchemaRelease.nextVersions(List.of(new Contract(current, Cleanup.COMPACT)), released);

        assertThat(next).extracting(ReleasedSchema::path)
                .containsExactly("dev.kairos.proto.compliance.Suppression/v3.avsc");
    }

    @Test
    void releasesANewRecordAsVersionOne() {
        List<ReleasedSchema> next = SchemaRelease.nextVersions(List.of(new Contract(SUPPRESSION, Cleanup.COMPACT)),
                ReleasedSchemas.of(List.of()));

        assertThat(next).extracting(ReleasedSchema::path).containsExactly("dev.kairos.proto.compliance.Suppression/v1.avsc");
    }

    @Test
    void writesTheSameSchemaWithoutJavaOnlyHints() {
        Schema generated = Suppression.getClassSchema();

        String json = SchemaRelease.releasedJson(generated);

        assertThat(generated.toString()).contains("avro.java.string");
        assertThat(json).doesNotContain("avro.java.string");
        assertThat(SchemaNormalization.parsingFingerprint64(new Schema.Parser().parse(json)))
                .isEqualTo(SchemaNormalization.parsingFingerprint64(generated));
    }
}
