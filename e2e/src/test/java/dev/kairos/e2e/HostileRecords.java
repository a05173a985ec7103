package dev.kairos.e2e;

import dev.kairos.proto.compliance.ConsentState;
import dev.kairos.proto.compliance.CustomerErased;
import dev.kairos.proto.compliance.Suppression;
import dev.kairos.proto.dispatch.ChannelSignal;
import dev.kairos.proto.dispatch.MessageContent;
import dev.kairos.proto.dispatch.MessageOutcome;
import dev.kairos.proto.dispatch.SendApproved;
import dev.kairos.proto.dispatch.SendMessage;
import dev.kairos.proto.preferences.ConsentSubmitted;
import dev.kairos.proto.preferences.ContactPreferences;
import dev.kairos.proto.preferences.TopicCatalogueEntry;
import dev.kairos.proto.serde.KairosSerdes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Hostile records for every topic a Kairos service consumes, drawn from one seeded {@link Random}: bytes
 * that are not Avro, Avro cut short behind a valid single-object header, a header naming a schema nobody
 * released, empty values, and records without a key. On the two request inboxes also well-formed
 * {@code SendMessage}s that no engine can carry out (a template that does not compile, a topic nobody
 * created, a template that does not exist). Each carries a {@value #ID_HEADER} header so that it can be
 * recognised wherever it ends.
 */
final class HostileRecords {

    static final String ID_HEADER = "kairos-abuse-id";

    /** Where a correct Kairos puts a hostile record. */
    enum End { DEAD_LETTER, REJECTED }

    record Hostile(String id, String category, String logicalTopic, ProducerRecord<byte[], byte[]> record, End end,
                   String requestId) {
    }

    /**
     * The logical topics (keys of the topic table) that a Kairos service consumes, with their value record.
     * {@code priority-requests} is not among them until the priority lane decides it (issue 14).
     */
    static final Map<String, Schema> CONSUMED = consumed();

    private static Map<String, Schema> consumed() {
        Map<String, Schema> consumed = new LinkedHashMap<>();
        consumed.put("requests", SendMessage.getClassSchema());
        consumed.put("contact-preferences", ContactPreferences.getClassSchema());
        consumed.put("topics", TopicCatalogueEntry.getClassSchema());
        consumed.put("consent-submissions", ConsentSubmitted.getClassSchema());
        consumed.put("consents", ConsentState.getClassSchema());
        consumed.put("suppressions", Suppression.getClassSchema());
        consumed.put("erasures", CustomerErased.getClassSchema());
        consumed.put("channel-signals", ChannelSignal.getClassSchema());
        consumed.put("outcomes", MessageOutcome.getClassSchema());
        consumed.put("send-email", SendApproved.getClassSchema());
        consumed.put("send-sms", SendApproved.getClassSchema());
        consumed.put("send-mail", SendApproved.getClassSchema());
        return Collections.unmodifiableMap(consumed);
    }

    private final Random random;
    private final Map<String, String> topicNames;
    private final String topic;
    private final String consenting;
    private final List<Hostile> records = new ArrayList<>();
    private int next;

    /**
     * @param topicNames logical topic name to the topic's name, from the project's topic table
     * @param consenting a customer who consented to {@code topic}: a request for anyone else ends before rendering
     */
    HostileRecords(long seed, Map<String, String> topicNames, String topic, String consenting) {
        this.random = new Random(seed);
        this.topicNames = topicNames;
        this.topic = topic;
        this.consenting = consenting;
    }

    /** Reads the topic table that the services import ({@code kairos-topics.yml}): logical key to name. */
    static Map<String, String> topicTable(Path root) throws IOException {
        Map<String, String> names = new HashMap<>();
        Matcher line = Pattern.compile("(?m)^\\s+([a-z-]+):\\s*\\{\\s*name:\\s*([^,\\s}]+)")
                .matcher(Files.readString(root.resolve("platform/src/main/resources/kairos-topics.yml")));
        while (line.find()) {
            names.put(line.group(1), line.group(2));
        }
        return names;
    }

    List<Hostile> all(int perTopicAndCategory, int requestsPerInbox) {
        CONSUMED.forEach((logical, schema) -> {
            for (int i = 0; i < perTopicAndCategory; i++) {
                add("random bytes", logical, key(), randomBytes(random.nextInt(2_000) + 1));
                add("truncated Avro", logical, key(), truncatedAvro(schema));
                add("wrong fingerprint", logical, key(), wrongFingerprint(schema));
                add("empty values", logical, key(), new byte[0]);
                add("null keys", logical, null, random.nextBoolean() ? truncatedAvro(schema) : randomBytes(1 + random.nextInt(64)));
            }
        });
        for (String inbox : List.of("requests")) {
            for (int i = 0; i < requestsPerInbox; i++) {
                undecidableRequest(inbox);
            }
        }
        Collections.shuffle(records, random);
        return records;
    }

    private void add(String category, String logical, byte[] key, byte[] value) {
        String id = "abuse-" + next++;
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topicNames.get(logical), key, value);
        record.headers().add(ID_HEADER, id.getBytes(StandardCharsets.UTF_8));
        records.add(new Hostile(id, category, logical, record, End.DEAD_LETTER, null));
    }

    /** Decodes, but cannot be carried out: the engine must reject it and go on. */
    private void undecidableRequest(String inbox) {
        String id = "abuse-" + next++;
        String requestId = "abuse-kafka-request-" + id;
        SendMessage.Builder request = SendMessage.newBuilder()
                .setRequestId(requestId)
                .setCustomerId(consenting)
                .setTopic(topic);
        String category;
        switch (random.nextInt(5)) {
            case 0 -> {
                category = "undecidable requests: unknown topic";
                request.setTopic("abuse-unknown-topic-" + random.nextInt(1_000))
                        .setContent(Map.of("EMAIL", content("Hello", "Hello {{givenName}}")));
            }
            case 1 -> {
                category = "undecidable requests: missing template";
                request.setTemplateId("abuse-missing-template-" + random.nextInt(1_000));
            }
            case 2 -> {
                category = "undecidable requests: address without content";
                request.setRecipientAddress(random.nextBoolean() ? "+33612345678" : "abuse@example.org")
                        .setContent(Map.of("MAIL", content(null, "Hello")));
            }
            default -> {
                category = "undecidable requests: invalid template";
                String broken = List.of("{{/oops}}", "{{#a}}", "{{#a}}x{{/b}}", "{{salutation", "{{^a}}").get(random.nextInt(5));
                String channel = List.of("EMAIL", "SMS", "MAIL").get(random.nextInt(3));
                request.setContent(Map.of(channel, content("Hi " + (random.nextBoolean() ? broken : ""), "Text " + broken)));
            }
        }
        byte[] key = random.nextInt(4) == 0 ? null : requestId.getBytes(StandardCharsets.UTF_8);
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topicNames.get(inbox), key,
                KairosSerdes.sendMessage().encode(request.build()));
        record.headers().add(ID_HEADER, id.getBytes(StandardCharsets.UTF_8));
        records.add(new Hostile(id, category, inbox, record, End.REJECTED, requestId));
    }

    private static MessageContent content(String subject, String text) {
        return MessageContent.newBuilder().setSubject(subject).setText(text).build();
    }

    private byte[] key() {
        return ("abuse-key-" + random.nextInt(1_000_000)).getBytes(StandardCharsets.UTF_8);
    }

    /** The current schema's header, then a random record of that schema cut short. */
    private byte[] truncatedAvro(Schema schema) {
        byte[] payload = randomPayload(schema);
        int kept = payload.length <= 1 ? 0 : random.nextInt(payload.length - 1);
        return frame(SchemaNormalization.parsingFingerprint64(schema), payload, kept);
    }

    /** A whole payload behind a fingerprint that no released schema has. */
    private byte[] wrongFingerprint(Schema schema) {
        byte[] payload = randomPayload(schema);
        return frame(random.nextLong(), payload, payload.length);
    }

    private static byte[] frame(long fingerprint, byte[] payload, int kept) {
        return ByteBuffer.allocate(10 + kept)
                .put((byte) 0xC3).put((byte) 0x01)
                .order(ByteOrder.LITTLE_ENDIAN).putLong(fingerprint)
                .put(payload, 0, kept)
                .array();
    }

    private byte[] randomPayload(Schema schema) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<>(schema).write(randomValue(schema, 0), encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Any value of the schema: what a writer with a bug, but the right schema, might produce. */
    private Object randomValue(Schema schema, int depth) {
        return switch (schema.getType()) {
            case RECORD -> {
                GenericData.Record record = new GenericData.Record(schema);
                schema.getFields().forEach(field -> record.put(field.pos(), randomValue(field.schema(), depth + 1)));
                yield record;
            }
            case UNION -> randomValue(schema.getTypes().get(random.nextInt(schema.getTypes().size())), depth);
            case ARRAY -> {
                List<Object> items = new ArrayList<>();
                for (int i = depth > 3 ? 0 : random.nextInt(3); i > 0; i--) {
                    items.add(randomValue(schema.getElementType(), depth + 1));
                }
                yield items;
            }
            case MAP -> {
                Map<String, Object> entries = new HashMap<>();
                for (int i = depth > 3 ? 0 : random.nextInt(3); i > 0; i--) {
                    entries.put("k" + i, randomValue(schema.getValueType(), depth + 1));
                }
                yield entries;
            }
            case ENUM -> new GenericData.EnumSymbol(schema, schema.getEnumSymbols().get(random.nextInt(schema.getEnumSymbols().size())));
            case FIXED -> new GenericData.Fixed(schema, randomBytes(schema.getFixedSize()));
            case STRING -> "abuse-" + random.nextInt(1_000_000);
            case BYTES -> ByteBuffer.wrap(randomBytes(random.nextInt(16)));
            case INT -> random.nextInt();
            case LONG -> random.nextLong();
            case FLOAT -> random.nextFloat();
            case DOUBLE -> random.nextDouble();
            case BOOLEAN -> random.nextBoolean();
            case NULL -> null;
        };
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
