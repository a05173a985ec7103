package dev.kairos.dispatch.requests;

import dev.kairos.dispatch.engine.DecisionEngine;
import dev.kairos.platform.kafka.KafkaClientSettings;
import dev.kairos.platform.topics.TopicsProperties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RequestsConfiguration {

    @Bean(destroyMethod = "close")
    RequestInbox requestInbox(TopicsProperties topics, KafkaClientSettings kafkaClients, DecisionEngine engine) {
        return new RequestInbox(new KafkaProducer<>(kafkaClients.idempotentProducer("dispatch-request-inbox")),
                lane -> topics.name(lane.inbox()), engine::laneOf);
    }
}
