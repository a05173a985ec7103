package dev.kairos.platform.messaging;

import dev.kairos.platform.topics.TopicsProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.SerializationException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns {@code kairos.consumers} into Spring Cloud Stream binding properties, so that every consumer of every
 * service binds the same way: the destination is the catalogue's topic name, the group is the binding's own,
 * the record is handed over as received bytes (decoded in the function), read committed from the earliest
 * offset, with the retry settings and the not-retryable exceptions. Added last: an explicit
 * {@code spring.cloud.stream.*} property of the service still wins.
 */
public class ConsumerBindings implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE = "kairosConsumerBindings";

    /** Decoding errors and refused records: another attempt cannot cure them. */
    static final List<String> NOT_RETRYABLE = List.of(SerializationException.class.getName(),
            UnprocessableRecord.class.getName());

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Binder binder = Binder.get(environment);
        ConsumersProperties consumers = binder.bind("kairos.consumers", ConsumersProperties.class).orElse(null);
        if (consumers == null || consumers.getBindings().isEmpty()) {
            return;
        }
        TopicsProperties topics = binder.bind("kairos.topics", TopicsProperties.class).orElseGet(TopicsProperties::new);
        String name = environment.getProperty("spring.application.name", "kairos");
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE,
                properties(consumers, topics, name)));
    }

    static Map<String, Object> properties(ConsumersProperties consumers, TopicsProperties topics, String application) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.cloud.function.definition", String.join(";", consumers.getBindings().keySet()));
        // Topics are created by the service's TopicProvisioner with their retention and cleanup; a binding
        // must never create one with the broker's defaults.
        properties.put("spring.cloud.stream.kafka.binder.auto-create-topics", false);
        consumers.getBindings().forEach((function, binding) -> {
            String common = "spring.cloud.stream.bindings." + ConsumersProperties.inputBinding(function) + ".";
            properties.put(common + "destination", topics.name(binding.getTopic()));
            properties.put(common + "group", binding.getGroup() != null ? binding.getGroup() : application + "." + function);
            properties.put(common + "consumer.use-native-decoding", true);
            properties.put(common + "consumer.max-attempts", Math.max(1, consumers.getAttempts()));
            properties.put(common + "consumer.back-off-initial-interval", consumers.getBackoff().toMillis());
            properties.put(common + "consumer.back-off-max-interval", consumers.getMaxBackoff().toMillis());
            properties.put(common + "consumer.back-off-multiplier", 2.0);
            Stream.concat(NOT_RETRYABLE.stream(), consumers.getNotRetryable().stream()).forEach(exception ->
                    properties.put(common + "consumer.retryable-exceptions." + exception, false));
            String kafka = "spring.cloud.stream.kafka.bindings." + ConsumersProperties.inputBinding(function) + ".consumer.";
            properties.put(kafka + "start-offset", "earliest");
            // Services publish through transactional outboxes: only committed records are events.
            properties.put(kafka + "configuration.isolation.level", "read_committed");
        });
        return properties;
    }

    /** After the configuration files and imports are read (kairos-topics.yml included). */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
