package dev.kairos.platform.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/**
 * The settings of every Kafka client of a service, from Spring Boot's {@code spring.kafka.*}: bootstrap
 * servers, {@code security.protocol}, {@code ssl.*}, {@code sasl.*} and any {@code properties.*} reach the
 * relay's producer, the topic provisioner's admin client, the Streams application, its dead-letter
 * producer and the consumers alike. Each map is: this class's defaults for that kind of client, then
 * what {@code spring.kafka.*} says, then what the client's correctness depends on (serializers,
 * idempotence, the transactional id), which configuration cannot change.
 */
public class KafkaClientSettings {

    private final KafkaProperties kafka;

    public KafkaClientSettings(KafkaProperties kafka) {
        this.kafka = kafka;
    }

    /** Producer settings that keep per-partition order across retries; keys are strings, values bytes. */
    public Map<String, Object> idempotentProducer(String clientId) {
        Map<String, Object> settings = new HashMap<>();
        // Fail an attempt within seconds when the broker is away: the callers retry, with back-off.
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        settings.putAll(kafka.buildProducerProperties());
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return settings;
    }

    /**
     * Settings of a transactional producer: {@code transactionalId} must be the same on every instance of
     * a service (at most one relays at a time; a new one fences the previous one).
     */
    public Map<String, Object> transactionalProducer(String transactionalId) {
        Map<String, Object> settings = idempotentProducer(transactionalId);
        settings.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 30_000);
        settings.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        return settings;
    }

    /** Settings of a consumer in {@code groupId} that commits itself and reads only committed records. */
    public Map<String, Object> consumer(String groupId) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.putAll(kafka.buildConsumerProperties());
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return settings;
    }

    /** Settings of an admin client. */
    public Map<String, Object> admin() {
        Map<String, Object> settings = new HashMap<>();
        settings.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        settings.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000);
        settings.putAll(kafka.buildAdminProperties());
        return settings;
    }

    /** The connection and security part of a Streams application's settings; the application adds its own. */
    public Properties streams() {
        Properties settings = new Properties();
        settings.putAll(kafka.buildStreamsProperties());
        return settings;
    }

    /**
     * Where and how to connect (servers, security, TLS, SASL), taken from another client's settings: for a
     * client that Kafka builds from a configuration map it is handed, such as a Streams exception handler.
     */
    public static Map<String, Object> connectionOf(Map<String, ?> clientSettings) {
        Map<String, Object> connection = new HashMap<>();
        clientSettings.forEach((key, value) -> {
            if (key.equals(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG) || key.equals(CommonClientConfigs.CLIENT_DNS_LOOKUP_CONFIG)
                    || key.startsWith("security.") || key.startsWith("ssl.") || key.startsWith("sasl.")) {
                connection.put(key, value);
            }
        });
        return connection;
    }
}
