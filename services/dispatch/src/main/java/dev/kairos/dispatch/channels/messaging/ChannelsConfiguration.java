package dev.kairos.dispatch.channels.messaging;

import dev.kairos.dispatch.channels.ChannelSender;
import dev.kairos.dispatch.channels.CurrentState;
import dev.kairos.dispatch.channels.Delivery;
import dev.kairos.dispatch.channels.FailoverSender;
import dev.kairos.dispatch.channels.ProviderSettings;
import dev.kairos.dispatch.channels.SendMarks;
import dev.kairos.dispatch.decision.Channel;
import dev.kairos.dispatch.instances.FallbackSeal;
import dev.kairos.dispatch.rendering.MessageLinks;
import dev.kairos.dispatch.rendering.MessageRenderer;
import dev.kairos.platform.addresses.AddressHmac;
import dev.kairos.platform.kafka.KafkaClientFactory;
import dev.kairos.platform.kafka.KafkaClientSettings;
import dev.kairos.platform.links.SignedLinks;
import dev.kairos.platform.topics.TopicProvisioner;
import dev.kairos.platform.topics.TopicsProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.Producer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.messaging.Message;

/**
 * The channel senders as Spring Cloud Stream functional bindings on the send queues ({@code emailSends},
 * {@code smsSends}, {@code mailSends}, and {@code emailPrioritySends}, {@code smsPrioritySends},
 * {@code mailPrioritySends} on the priority lane's; destinations, group and transactions in application.yml). Each
 * channel's {@link ChannelSender} bean comes from its own package; {@code kairos.channels.mode=off} starts none.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${kairos.channels.mode:local}' != 'off'")
class ChannelsConfiguration {

    @Bean(destroyMethod = "close")
    StateReplica senderStateReplica(TopicsProperties topics, TopicProvisioner topicsReady, AddressHmac addressHmac,
                                    KafkaClientSettings kafkaClients, KafkaClientFactory clientFactory) {
        // Assigned partitions, read from the start: no group.
        Map<String, Object> settings = kafkaClients.consumer("dispatch-senders-state");
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "dispatch-senders-state");
        return new StateReplica(clientFactory.consumer(settings), addressHmac, topics.name("topics"), topics.name("consents"),
                topics.name("suppressions"));
    }

    @Bean(destroyMethod = "close")
    KafkaSendMarks sendMarks(TopicsProperties topics, TopicProvisioner topicsReady, Clock clock,
                             KafkaClientSettings kafkaClients, KafkaClientFactory clientFactory) {
        return new KafkaSendMarks(clientFactory.producer(kafkaClients.idempotentProducer("dispatch-send-marks")),
                topics.name("send-marks"), clock);
    }

    @Bean(destroyMethod = "close")
    Producer<String, byte[]> laterSendsProducer(KafkaClientSettings kafkaClients, KafkaClientFactory clientFactory) {
        return clientFactory.producer(kafkaClients.idempotentProducer("dispatch-later-sends"));
    }

    @Bean
    KafkaLaterSends laterSends(Producer<String, byte[]> laterSendsProducer, TopicsProperties topics,
                               TopicProvisioner topicsReady, Clock clock) {
        return new KafkaLaterSends(laterSendsProducer, topics.name("outcomes"), clock);
    }

    @Bean
    SendQueues sendQueues(StreamBridge bridge, FallbackSeal fallbackSeal, Clock clock, MeterRegistry meters,
                          SignedLinks links) {
        return new SendQueues(bridge, fallbackSeal, clock, meters, new MessageRenderer(new MessageLinks(links)));
    }

    /** Each channel's primary sender, then its failover sender if one is configured. */
    @Bean
    Deliveries deliveries(List<ChannelSender> senders, List<FailoverSender> failovers, CurrentState state,
                          SendMarks marks, Clock clock, MeterRegistry meters, Environment environment) {
        Map<String, ProviderSettings> settings = Binder.get(environment)
                .bind("kairos.channels.providers", Bindable.mapOf(String.class, ProviderSettings.class))
                .orElse(Map.of());
        Function<ChannelSender, Delivery.Provider> provider =
                s -> new Delivery.Provider(s, settings.getOrDefault(s.provider(), ProviderSettings.defaults()));
        return new Deliveries(senders.stream()
                .map(primary -> Stream.concat(Stream.of(primary), failovers.stream().map(FailoverSender::sender)
                                .filter(f -> f.channel() == primary.channel()))
                        .map(provider).toList())
                .map(providers -> new Delivery(providers, state, marks, clock, meters))
                .toList());
    }

    @Bean
    Consumer<Message<byte[]>> emailSends(SendQueues queues, Deliveries deliveries) {
        Delivery email = deliveries.of(Channel.EMAIL);
        return message -> queues.handle(message, email, SendQueues.REQUESTS_INBOX);
    }

    @Bean
    Consumer<Message<byte[]>> smsSends(SendQueues queues, Deliveries deliveries) {
        Delivery sms = deliveries.of(Channel.SMS);
        return message -> queues.handle(message, sms, SendQueues.REQUESTS_INBOX);
    }

    @Bean
    Consumer<Message<byte[]>> mailSends(SendQueues queues, Deliveries deliveries) {
        Delivery mail = deliveries.of(Channel.MAIL);
        return message -> queues.handle(message, mail, SendQueues.REQUESTS_INBOX);
    }

    /*
     * The priority lane's queues (ADR 0036) have consumers of their own: a campaign waiting in the ordinary queues
     * never holds a SERVICE message back; both share the channel's provider guard (its rate limit and circuit).
     */

    @Bean
    Consumer<Message<byte[]>> emailPrioritySends(SendQueues queues, Deliveries deliveries) {
        Delivery email = deliveries.of(Channel.EMAIL);
        return message -> queues.handle(message, email, SendQueues.PRIORITY_REQUESTS_INBOX);
    }

    @Bean
    Consumer<Message<byte[]>> smsPrioritySends(SendQueues queues, Deliveries deliveries) {
        Delivery sms = deliveries.of(Channel.SMS);
        return message -> queues.handle(message, sms, SendQueues.PRIORITY_REQUESTS_INBOX);
    }

    @Bean
    Consumer<Message<byte[]>> mailPrioritySends(SendQueues queues, Deliveries deliveries) {
        Delivery mail = deliveries.of(Channel.MAIL);
        return message -> queues.handle(message, mail, SendQueues.PRIORITY_REQUESTS_INBOX);
    }

    /** The configured sender of each channel. */
    record Deliveries(List<Delivery> all) {

        Delivery of(Channel channel) {
            return all.stream().filter(d -> d.channel() == channel).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no sender configured for " + channel));
        }
    }
}
