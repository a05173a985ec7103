package dev.kairos.dispatch.templates;

import dev.kairos.platform.kafka.KafkaClientFactory;
import dev.kairos.platform.kafka.KafkaClientSettings;
import dev.kairos.platform.topics.TopicsProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class TemplatesConfiguration {

    @Bean(destroyMethod = "close")
    TemplateTopic templateTopic(TopicsProperties topics, KafkaClientSettings kafkaClients,
                                KafkaClientFactory clientFactory) {
        return new TemplateTopic(clientFactory.producer(kafkaClients.idempotentProducer("dispatch-templates")),
                topics.name("templates"));
    }
}
