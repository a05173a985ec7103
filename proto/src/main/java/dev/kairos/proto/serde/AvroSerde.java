package dev.kairos.proto.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.apache.avro.Schema;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes a record in Avro single-object encoding ({@code C3 01}, the writer schema's 8-byte
 * CRC-64-AVRO fingerprint, the binary payload) and reads data written with the current schema or with
 * any released version of it. A null value stands for a tombstone both ways.
 *
 * <p>Thread-safe and stateless once built: one instance may serve every producer and consumer.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T>, Serializer<T>, Deserializer<T> {

    static {
        // Before anything decodes through a serde, which is when Avro reads its limits.
        AvroLimits.apply();
    }

    private final String recordName;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;
    /** The fingerprints, as they appear in a header, of every schema this serde reads. */
    private final Set<String> fingerprints = new HashSet<>();

    private AvroSerde(Class<T> type, Collection<Schema> releasedWriterSchemas) {
        // The class's own model carries the conversions for its logical types (timestamps as Instant).
        SpecificData model = SpecificData.getForClass(type);
        Schema current = model.getSchema(type);
        TrustedClasses.trustClassesOf(current);
        this.recordName = current.getFullName();
        this.encoder = new BinaryMessageEncoder<>(model, current);
        this.decoder = new BinaryMessageDecoder<>(model, current);
        releasedWriterSchemas.forEach(decoder::addSchema);
        fingerprints.add(Fingerprints.of(current));
        releasedWriterSchemas.forEach(schema -> fingerprints.add(Fingerprints.of(schema)));
    }

    /** A serde that reads every version of the record released in this jar. */
    public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
        String fullName = SpecificData.getForClass(type).getSchema(type).getFullName();
        return of(type, ReleasedSchemas.onClasspath().versionsOf(fullName).stream()
                .map(ReleasedSchema::schema)
                .toList());
    }

    /** A serde that reads data written with the current schema or any of the given writer schemas. */
    public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type, Collection<Schema> releasedWriterSchemas) {
        return new AvroSerde<>(type, releasedWriterSchemas);
    }

    public byte[] encode(T record) {
        if (record == null) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            encoder.encode(record, out);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot encode " + recordName + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    public T decode(byte[] message) {
        if (message == null) {
            return null;
        }
        try {
            return decoder.decode(message);
        } catch (BadHeaderException e) {
            throw new SerializationException("Cannot decode " + recordName
                    + ": not Avro single-object encoding, which starts with C3 01 and an 8-byte fingerprint ("
                    + e.getMessage() + ")", e);
        } catch (MissingSchemaException e) {
            throw new SerializationException("Cannot decode " + recordName + ": unknown schema fingerprint "
                    + Fingerprints.inHeader(message)
                    + "; it is neither the current schema nor a released version of this record", e);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot decode " + recordName + " written with schema fingerprint "
                    + Fingerprints.inHeader(message) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether the bytes are single-object encoding written with a schema this serde reads: on a topic that
     * carries more than one record (the consent ledger's entries and checkpoints), the fingerprint says which
     * record a value is before anything decodes it.
     */
    public boolean reads(byte[] message) {
        return message != null && message.length >= Fingerprints.HEADER_LENGTH
                && (message[0] & 0xFF) == 0xC3 && message[1] == 0x01
                && fingerprints.contains(Fingerprints.inHeader(message));
    }

    @Override
    public byte[] serialize(String topic, T data) {
        return encode(data);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        return decode(data);
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // The schemas are fixed when the serde is built; Kafka configuration has nothing to add.
    }

    @Override
    public void close() {
        // Holds no resources.
    }
}
