package dev.kairos.proto.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import dev.kairos.proto.compliance.Suppression;
import dev.kairos.proto.compliance.SuppressionReason;

class AvroSerdeTest {

    /** Suppression as it might have been released before the optional {@code channel} field existed. */
    private static final Schema SUPPRESSION_WITHOUT_CHANNEL = SchemaBuilder
            .record("Suppression").namespace("dev.kairos.proto.compliance")
            .fields()
            .requiredString("eventId")
            .requiredString("addressHmac")
            .name("reason").type(Suppression.getClassSchema().getField("reason").schema()).noDefault()
            .name("since").type(LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG))).noDefault()
            .endRecord();

    @Test
    void readsDataWrittenWithAnOlderReleasedVersionFillingTheNewFieldWithItsDefault() throws IOException {
        byte[] writtenByOlderVersion = suppressionWithoutChannel();
        AvroSerde<Suppression> serde = AvroSerde.of(Suppression.class, List.of(SUPPRESSION_WITHOUT_CHANNEL));

        Suppression read = serde.decode(writtenByOlderVersion);

        assertThat(read.getEventId()).isEqualTo("evt-old-1");
        assertThat(read.getAddressHmac()).isEqualTo("hmac-old");
        assertThat(read.getReason()).isEqualTo(SuppressionReason.COMPLAINT);
        assertThat(read.getSince()).isEqualTo(SampleRecords.NOW);
        assertThat(read.getChannel()).isNull();
    }

    @Test
    void refusesDataFromAnUnreleasedSchemaNamingTheRecordAndTheFingerprint() throws IOException {
        byte[] writtenByUnknownVersion = suppressionWithoutChannel();
        AvroSerde<Suppression> serde = AvroSerde.of(Suppression.class, List.of());

        assertThatThrownBy(() -> serde.decode(writtenByUnknownVersion))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("dev.kairos.proto.compliance.Suppression")
                .hasMessageContaining("unknown schema fingerprint " + Fingerprints.of(SUPPRESSION_WITHOUT_CHANNEL));
    }

    @Test
    void refusesBytesWhoseFingerprintMatchesNoSchema() {
        byte[] bytes = KairosSerdes.suppression().encode(SampleRecords.suppression());
        bytes[2] ^= 0x5A;

        assertThatThrownBy(() -> KairosSerdes.suppression().decode(bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessage("Cannot decode dev.kairos.proto.compliance.Suppression: unknown schema fingerprint "
                        + Fingerprints.inHeader(bytes)
                        + "; it is neither the current schema nor a released version of this record");
    }

    @Test
    void refusesBytesWithoutTheSingleObjectMarker() {
        byte[] json = "{\"eventId\":\"evt-1\",\"addressHmac\":\"h\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> KairosSerdes.suppression().decode(json))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Cannot decode dev.kairos.proto.compliance.Suppression: "
                        + "not Avro single-object encoding");
    }

    @Test
    void refusesATruncatedPayloadNamingTheFingerprintItCarries() {
        byte[] bytes = KairosSerdes.suppression().encode(SampleRecords.suppression());
        byte[] truncated = Arrays.copyOf(bytes, Fingerprints.HEADER_LENGTH + 3);

        assertThatThrownBy(() -> KairosSerdes.suppression().decode(truncated))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Cannot decode dev.kairos.proto.compliance.Suppression written with schema fingerprint "
                        + Fingerprints.of(Suppression.getClassSchema()));
    }

    @Test
    void encodesWithoutKafkaForCodeThatStoresBytes() {
        AvroSerde<Suppression> serde = KairosSerdes.suppression();

        byte[] stored = serde.encode(SampleRecords.suppression());

        assertThat(serde.decode(stored)).isEqualTo(SampleRecords.suppression());
        assertThat(serde.encode(null)).isNull();
        assertThat(serde.decode(null)).isNull();
    }

    private static byte[] suppressionWithoutChannel() throws IOException {
        GenericRecord old = new GenericRecordBuilder(SUPPRESSION_WITHOUT_CHANNEL)
                .set("eventId", "evt-old-1")
                .set("addressHmac", "hmac-old")
                .set("reason", new GenericData.EnumSymbol(
                        SUPPRESSION_WITHOUT_CHANNEL.getField("reason").schema(), "COMPLAINT"))
                .set("since", SampleRecords.NOW.toEpochMilli())
                .build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new BinaryMessageEncoder<GenericRecord>(GenericData.get(), SUPPRESSION_WITHOUT_CHANNEL).encode(old, out);
        return out.toByteArray();
    }
}
