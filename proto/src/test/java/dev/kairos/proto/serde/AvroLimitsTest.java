package dev.kairos.proto.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kairos.proto.compliance.Suppression;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.apache.avro.SystemLimitException;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** A hostile record on a topic fails to decode at once, with the reason, and allocates nothing large. */
class AvroLimitsTest {

    private final AvroSerde<Suppression> serde = AvroSerde.of(Suppression.class);

    @Test
    void aRecordClaimingA2GbStringFailsFastWithTheLimitNotAnOutOfMemoryError() throws IOException {
        // The header of a genuine record (C3 01 and the schema fingerprint), then a first field, eventId,
        // that claims to be a string of two thousand million bytes, followed by three bytes.
        byte[] header = Arrays.copyOf(serde.encode(SampleRecords.suppression()), 10);
        ByteArrayOutputStream hostile = new ByteArrayOutputStream();
        hostile.write(header);
        BinaryEncoder body = EncoderFactory.get().directBinaryEncoder(hostile, null);
        body.writeLong(2_000_000_000L);
        body.flush();
        hostile.write(new byte[] {'a', 'b', 'c'});

        assertThatThrownBy(() -> serde.decode(hostile.toByteArray()))
                .isInstanceOf(SerializationException.class)
                .hasRootCauseInstanceOf(SystemLimitException.class)
                .hasMessageContaining("String length 2000000000 exceeds maximum allowed");
    }

    @Test
    void theLimitIsTheLargestRecordATopicAcceptsUnlessSetByTheUser() {
        assertThat(System.getProperty(SystemLimitException.MAX_STRING_LENGTH_PROPERTY)).isEqualTo("1048576");
        assertThat(System.getProperty(SystemLimitException.MAX_BYTES_LENGTH_PROPERTY)).isEqualTo("1048576");
        assertThat(System.getProperty(SystemLimitException.MAX_COLLECTION_LENGTH_PROPERTY)).isEqualTo("1048576");
    }
}
