package dev.kairos.dispatch.requests;

import dev.kairos.dispatch.queries.DispatchQueries;
import dev.kairos.platform.kafka.KafkaClientFactory;
import dev.kairos.platform.kafka.KafkaClientSettings;
import dev.kairos.platform.topics.TopicsProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RequestsConfiguration {

    @Bean(destroyMethod = "close")
    RequestInbox requestInbox(TopicsProperties topics, KafkaClientSettings kafkaClients,
                              KafkaClientFactory clientFactory, DispatchQueries queries) {
        return new RequestInbox(clientFactory.producer(kafkaClients.idempotentProducer("dispatch-request-inbox")),
                topics.name("requests"), topics.name("priority-requests"), queries::decidedByPriorityLane);
    }
}
