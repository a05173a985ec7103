package dev.kairos.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/** What an operator sets under spring.kafka.* reaches every kind of Kafka client a service builds. */
class KafkaClientSettingsTest {

    private final KafkaClientSettings clients = new KafkaClientSettings(new Binder(new MapConfigurationPropertySource(Map.of(
            "spring.kafka.bootstrap-servers", "kafka-1.example:9093,kafka-2.example:9093",
            "spring.kafka.security.protocol", "SASL_SSL",
            "spring.kafka.properties.sasl.mechanism", "SCRAM-SHA-512",
            "spring.kafka.producer.properties.max.block.ms", "20000",
            "spring.kafka.producer.properties.enable.idempotence", "false")))
            .bind("spring.kafka", KafkaProperties.class).get());

    @Test
    void securitySettingsReachEveryClient() {
        Properties streams = clients.streams();
        for (Map<String, Object> settings : List.of(clients.idempotentProducer("p"), clients.transactionalProducer("t"),
                clients.consumer("g"), clients.admin(), toMap(streams), KafkaClientSettings.connectionOf(toMap(streams)))) {
            assertThat(settings).containsEntry("security.protocol", "SASL_SSL")
                    .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                    .containsEntry("bootstrap.servers", List.of("kafka-1.example:9093", "kafka-2.example:9093"));
        }
    }

    @Test
    void tuningComesFromConfigurationButWhatCorrectnessNeedsDoesNot() {
        Map<String, Object> producer = clients.transactionalProducer("preferences-outbox");

        assertThat(producer).containsEntry("max.block.ms", "20000")
                .containsEntry("enable.idempotence", true)
                .containsEntry("acks", "all")
                .containsEntry("transactional.id", "preferences-outbox")
                .containsEntry("value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
        assertThat(clients.consumer("g")).containsEntry("isolation.level", "read_committed")
                .containsEntry("enable.auto.commit", false).containsEntry("group.id", "g");
    }

    private static Map<String, Object> toMap(Properties properties) {
        Map<String, Object> map = new HashMap<>();
        properties.forEach((k, v) -> map.put((String) k, v));
        return map;
    }
}
