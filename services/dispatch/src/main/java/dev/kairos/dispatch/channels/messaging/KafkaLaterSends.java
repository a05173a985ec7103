package dev.kairos.dispatch.channels.messaging;

import dev.kairos.dispatch.channels.LaterSends;
import dev.kairos.proto.dispatch.MessageOutcome;
import dev.kairos.proto.dispatch.MessageSent;
import dev.kairos.proto.serde.KairosSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** {@code MessageSent} for sends completed after their hand-over (print batches), with the same event ids as ever. */
final class KafkaLaterSends implements LaterSends {

    private final Producer<String, byte[]> producer;
    private final String outcomes;
    private final Clock clock;

    KafkaLaterSends(Producer<String, byte[]> producer, String outcomes, Clock clock) {
        this.producer = producer;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    @Override
    public void sent(List<Send> sends) {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (Send s : sends) {
            String eventId = SendQueues.eventId(s.requestId(), s.channel().name(), "sent");
            MessageOutcome outcome = MessageOutcome.newBuilder()
                    .setEventId(eventId)
                    .setRequestId(s.requestId())
                    .setCustomerId(s.customerId())
                    .setTopic(s.topic())
                    .setCampaignId(s.campaignId())
                    .setOccurredAt(clock.instant())
                    .setConsentEntryId(s.consentEntryId())
                    .setOutcome(new MessageSent(dev.kairos.proto.common.Channel.valueOf(s.channel().name()),
                            s.providerMessageId()))
                    .build();
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(outcomes, s.customerId(),
                    KairosSerdes.messageOutcome().encode(outcome));
            record.headers().add("kairos-event-id", eventId.getBytes(StandardCharsets.UTF_8));
            acks.add(producer.send(record));
        }
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recording sends", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not record sends", e.getCause());
        }
    }
}
