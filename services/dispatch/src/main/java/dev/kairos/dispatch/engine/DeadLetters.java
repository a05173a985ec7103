package dev.kairos.dispatch.engine;

import dev.kairos.platform.kafka.KafkaClientSettings;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record that cannot be decoded (not Avro single-object encoding, or an unknown schema) goes to the
 * dead-letter topic, as it arrived, with where it came from and why in its headers; the partition then
 * moves on. Outside writers feed the request inbox, so one bad record must not stop every customer
 * behind it. When even the dead-letter topic cannot take the record, the task fails rather than lose it.
 */
public class DeadLetters implements DeserializationExceptionHandler {

    /** Streams setting naming the dead-letter topic. */
    static final String TOPIC_CONFIG = "kairos.dead-letter-topic";

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private Producer<byte[], byte[]> producer;
    private String topic;

    @Override
    public void configure(Map<String, ?> configs) {
        topic = (String) configs.get(TOPIC_CONFIG);
        // Connects as the Streams application does (servers, security), from the settings it was handed.
        Map<String, Object> settings = KafkaClientSettings.connectionOf(configs);
        settings.put("client.id", "dispatch-dead-letters");
        settings.put("enable.idempotence", true);
        settings.put("acks", "all");
        producer = new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                                 Exception exception) {
        ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(topic, record.key(), record.value());
        letter.headers()
                .add("kairos-dlq-topic", utf8(record.topic()))
                .add("kairos-dlq-partition", utf8(Integer.toString(record.partition())))
                .add("kairos-dlq-offset", utf8(Long.toString(record.offset())))
                .add("kairos-dlq-cause", utf8(exception.getClass().getName() + ": " + exception.getMessage()));
        try {
            producer.send(letter).get(30, TimeUnit.SECONDS);
            log.warn("Undecodable record at {}-{}@{} moved to {}: {}", record.topic(), record.partition(),
                    record.offset(), topic, exception.getMessage());
            return DeserializationHandlerResponse.CONTINUE;
        } catch (Exception e) {
            log.error("Could not move an undecodable record at {}-{}@{} to {}", record.topic(), record.partition(),
                    record.offset(), topic, e);
            return DeserializationHandlerResponse.FAIL;
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
