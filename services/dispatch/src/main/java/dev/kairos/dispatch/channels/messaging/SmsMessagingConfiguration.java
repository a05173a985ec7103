package dev.kairos.dispatch.channels.messaging;

import dev.kairos.dispatch.channels.sms.KeywordReplies;
import dev.kairos.dispatch.channels.sms.SmsSubmissions;
import dev.kairos.dispatch.decision.Channel;
import dev.kairos.dispatch.inbound.ChannelSignals;
import dev.kairos.platform.kafka.KafkaClientFactory;
import dev.kairos.platform.kafka.KafkaClientSettings;
import dev.kairos.platform.topics.TopicProvisioner;
import dev.kairos.platform.topics.TopicsProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Kafka side of the SMS channel end: the inbox the SMPP link keeps deliver_sm in, the submissions receipts are
 * matched against, and the {@code smsInbound} binding that turns what came in into signals, replies and outcomes.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${kairos.channels.mode:local}' != 'off'")
class SmsMessagingConfiguration {

    @Bean(destroyMethod = "close")
    KafkaSmsInbox smsInbox(TopicsProperties topics, TopicProvisioner topicsReady, KafkaClientSettings kafkaClients,
                           KafkaClientFactory clientFactory) {
        return new KafkaSmsInbox(clientFactory.producer(kafkaClients.idempotentProducer("dispatch-sms-inbox")),
                topics.name("sms-inbound"));
    }

    @Bean(destroyMethod = "close")
    KafkaSmsSubmissions smsSubmissions(TopicsProperties topics, TopicProvisioner topicsReady,
                                       KafkaClientSettings kafkaClients, KafkaClientFactory clientFactory,
                                       Clock clock) {
        // Reader and writer each have their own client id: clients sharing one register the same meters, and
        // the registry keeps only the first.
        Map<String, Object> settings = kafkaClients.consumer("dispatch-sms-submissions");
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG); // assigned partitions, read from the start
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "dispatch-sms-submissions");
        Duration retention = topics.definition("sms-submissions").getRetention();
        return new KafkaSmsSubmissions(
                clientFactory.producer(kafkaClients.idempotentProducer("dispatch-sms-submissions-writer")),
                clientFactory.consumer(settings), topics.name("sms-submissions"),
                retention == null ? Duration.ofDays(3) : retention, clock);
    }

    @Bean
    SmsInbound smsInboundHandling(StreamBridge bridge, ChannelsConfiguration.Deliveries deliveries,
                                  SmsSubmissions submissions, KeywordReplies replies, ChannelSignals signals,
                                  Clock clock, MeterRegistry meters) {
        return new SmsInbound(bridge, deliveries.of(Channel.SMS), submissions, replies, signals, clock, meters);
    }

    @Bean
    Consumer<Message<byte[]>> smsInbound(SmsInbound handling) {
        return handling::handle;
    }
}
