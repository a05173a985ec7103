package dev.kairos.proto.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Stream;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KairosSerdesTest {

    record Case<T extends SpecificRecord>(AvroSerde<T> serde, T sample) {

        @Override
        public String toString() {
            return sample.getSchema().getName();
        }
    }

    static Stream<Case<?>> everyTopicValue() {
        return Stream.of(
                new Case<>(KairosSerdes.topicCatalogueEntry(), SampleRecords.topicCatalogueEntry()),
                new Case<>(KairosSerdes.contactPreferences(), SampleRecords.contactPreferences()),
                new Case<>(KairosSerdes.consentSubmitted(), SampleRecords.consentSubmitted()),
                new Case<>(KairosSerdes.consentLedgerEntry(), SampleRecords.consentLedgerEntry()),
                new Case<>(KairosSerdes.ledgerCheckpoint(), SampleRecords.ledgerCheckpoint()),
                new Case<>(KairosSerdes.consentState(), SampleRecords.consentState()),
                new Case<>(KairosSerdes.suppression(), SampleRecords.suppression()),
                new Case<>(KairosSerdes.customerErased(), SampleRecords.customerErased()),
                new Case<>(KairosSerdes.sendMessage(), SampleRecords.sendMessage()),
                new Case<>(KairosSerdes.messageOutcome(), SampleRecords.messageOutcome()),
                new Case<>(KairosSerdes.channelSignal(), SampleRecords.channelSignal()),
                new Case<>(KairosSerdes.sendApproved(), SampleRecords.sendApproved()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyTopicValue")
    <T extends SpecificRecord> void aRecordComesBackEqualThroughKafkasSerializerAndDeserializer(Case<T> topicValue) {
        byte[] bytes = topicValue.serde().serializer().serialize("any-topic", topicValue.sample());

        T read = topicValue.serde().deserializer().deserialize("any-topic", bytes);

        // Field by field: Avro's generated equals fails on arrays of records holding optional timestamps.
        assertThat(read).usingRecursiveComparison().isEqualTo(topicValue.sample());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyTopicValue")
    <T extends SpecificRecord> void bytesStartWithTheSingleObjectMarkerAndTheCurrentSchemasFingerprint(Case<T> topicValue) {
        byte[] bytes = topicValue.serde().encode(topicValue.sample());

        assertThat(Arrays.copyOf(bytes, 2)).containsExactly(0xC3, 0x01);
        assertThat(Fingerprints.inHeader(bytes)).isEqualTo(Fingerprints.of(topicValue.sample().getSchema()));
    }

    @Test
    void theLedgerTopicsTwoRecordsAreToldApartByTheirFingerprintBeforeDecoding() {
        byte[] entry = KairosSerdes.consentLedgerEntry().encode(SampleRecords.consentLedgerEntry());
        byte[] checkpoint = KairosSerdes.ledgerCheckpoint().encode(SampleRecords.ledgerCheckpoint());

        assertThat(KairosSerdes.ledgerCheckpoint().reads(checkpoint)).isTrue();
        assertThat(KairosSerdes.ledgerCheckpoint().reads(entry)).isFalse();
        assertThat(KairosSerdes.consentLedgerEntry().reads(entry)).isTrue();
        assertThat(KairosSerdes.consentLedgerEntry().reads(checkpoint)).isFalse();
        assertThat(KairosSerdes.ledgerCheckpoint().reads(new byte[] {1, 2, 3})).isFalse();
        assertThat(KairosSerdes.ledgerCheckpoint().reads(null)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyTopicValue")
    <T extends SpecificRecord> void aTombstoneStaysATombstone(Case<T> topicValue) {
        assertThat(topicValue.serde().serialize("any-topic", null)).isNull();
        assertThat(topicValue.serde().deserialize("any-topic", null)).isNull();
    }
}
