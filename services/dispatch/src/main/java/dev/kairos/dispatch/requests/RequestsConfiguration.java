package dev.kairos.dispatch.requests;

import dev.kairos.platform.outbox.OutboxRelay;
import dev.kairos.platform.topics.TopicsProperties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RequestsConfiguration {

    @Bean(destroyMethod = "close")
    RequestInbox requestInbox(TopicsProperties topics, @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
        return new RequestInbox(new KafkaProducer<>(OutboxRelay.idempotentProducerSettings(bootstrapServers,
                "dispatch-request-inbox")), topics.name("requests"));
    }
}
