package dev.kairos.dispatch.channels;

import dev.kairos.platform.kafka.KafkaClientSettings;
import dev.kairos.platform.topics.TopicProvisioner;
import dev.kairos.platform.topics.TopicsProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ChannelsConfiguration {

    @Bean
    @ConditionalOnProperty(name = "kairos.channels.mode", havingValue = "local", matchIfMissing = true)
    LocalChannelSinks localChannelSinks(TopicsProperties topics, TopicProvisioner topicsReady, Clock clock,
                                        MeterRegistry meters, KafkaClientSettings kafkaClients,
                                        @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
                                        @Value("${kairos.channels.sink-dir}") Path sinkDir,
                                        @Value("${kairos.email.from}") String from) throws IOException {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "dispatch.internal.local-sinks",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafkaClients.idempotentProducer("dispatch-local-sinks"));
        Map<String, MessageWriter> writers = Map.of(
                topics.name("send-email"), new EmlFileWriter(sinkDir.resolve("email"), from),
                topics.name("send-sms"), new TextFileWriter(sinkDir.resolve("sms"), "sms"),
                topics.name("send-mail"), new TextFileWriter(sinkDir.resolve("mail"), "mail"));
        return new LocalChannelSinks(consumer, producer, writers, topics, clock, meters);
    }
}
