package dev.kairos.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.platform.topics.TopicsProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsumerBindingsTest {

    @Test
    void eachBindingReadsItsCatalogueTopicInItsGroupWithTheRetriesAndTheExceptionsNotRetried() {
        ConsumersProperties consumers = new ConsumersProperties();
        consumers.setAttempts(4);
        consumers.setBackoff(Duration.ofMillis(500));
        consumers.setMaxBackoff(Duration.ofSeconds(8));
        consumers.setNotRetryable(List.of("com.example.Refused"));
        consumers.setBindings(Map.of("erasures", binding("erasures", null)));

        Map<String, Object> properties = ConsumerBindings.properties(consumers, catalogue(), "preferences");

        assertThat(properties).containsEntry("spring.cloud.function.definition", "erasures")
                .containsEntry("spring.cloud.stream.bindings.erasures-in-0.destination", "compliance.erasures.v1")
                .containsEntry("spring.cloud.stream.bindings.erasures-in-0.group", "preferences.erasures")
                .containsEntry("spring.cloud.stream.bindings.erasures-in-0.consumer.use-native-decoding", true)
                .containsEntry("spring.cloud.stream.bindings.erasures-in-0.consumer.max-attempts", 4)
                .containsEntry("spring.cloud.stream.bindings.erasures-in-0.consumer.back-off-initial-interval", 500L)
                .containsEntry("spring.cloud.stream.bindings.erasures-in-0.consumer.back-off-max-interval", 8000L)
                .containsEntry("spring.cloud.stream.bindings.erasures-in-0.consumer.retryable-exceptions."
                        + "org.apache.kafka.common.errors.SerializationException", false)
                .containsEntry("spring.cloud.stream.bindings.erasures-in-0.consumer.retryable-exceptions."
                        + "dev.kairos.platform.messaging.UnprocessableRecord", false)
                .containsEntry("spring.cloud.stream.bindings.erasures-in-0.consumer.retryable-exceptions.com.example.Refused",
                        false)
                .containsEntry("spring.cloud.stream.kafka.bindings.erasures-in-0.consumer.configuration.isolation.level",
                        "read_committed")
                .containsEntry("spring.cloud.stream.kafka.binder.auto-create-topics", false);
    }

    @Test
    void aGroupNamedInTheConfigurationIsKept() {
        ConsumersProperties consumers = new ConsumersProperties();
        consumers.setBindings(Map.of("addressIndex", binding("erasures", "compliance.address-index")));

        assertThat(ConsumerBindings.properties(consumers, catalogue(), "compliance"))
                .containsEntry("spring.cloud.stream.bindings.addressIndex-in-0.group", "compliance.address-index");
    }

    private static ConsumersProperties.Binding binding(String topic, String group) {
        ConsumersProperties.Binding binding = new ConsumersProperties.Binding();
        binding.setTopic(topic);
        binding.setGroup(group);
        return binding;
    }

    private static TopicsProperties catalogue() {
        TopicsProperties.Definition erasures = new TopicsProperties.Definition();
        erasures.setName("compliance.erasures.v1");
        TopicsProperties topics = new TopicsProperties();
        topics.setCatalogue(Map.of("erasures", erasures));
        return topics;
    }
}
