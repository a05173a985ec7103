package dev.kairos.platform.messaging;

import dev.kairos.platform.topics.TopicsProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.cloud.stream.binder.kafka.KafkaMessageChannelBinder;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Wires a service's consumer bindings ({@code kairos.consumers}): retries then its dead-letter topic, the
 * dead-letter count, and the bindings' health. The binding properties themselves come from
 * {@link ConsumerBindings}.
 */
@AutoConfiguration
@ConditionalOnClass(KafkaMessageChannelBinder.class)
@ConditionalOnProperty("kairos.consumers.dead-letters")
@EnableConfigurationProperties(ConsumersProperties.class)
public class MessagingAutoConfiguration {

    @Bean
    DeadLetters deadLetters(KafkaProperties kafka, TopicsProperties topics, ConsumersProperties consumers,
            MeterRegistry meters) {
        // Spring Boot's producer settings (bootstrap, security, tuning), with the record written back as received.
        Map<String, Object> settings = new HashMap<>(kafka.buildProducerProperties());
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new DeadLetters(new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(settings)),
                topics.name(consumers.getDeadLetters()), meters);
    }

    @Bean
    ConsumerBindingsHealth consumerBindingsHealthIndicator(BindingsLifecycleController bindings,
            ConsumersProperties consumers) {
        return new ConsumerBindingsHealth(bindings, consumers);
    }
}
