package dev.kairos.dispatch.channels.messaging;

import dev.kairos.dispatch.channels.CurrentState;
import dev.kairos.dispatch.decision.Channel;
import dev.kairos.dispatch.decision.SuppressionReason;
import dev.kairos.platform.addresses.AddressHmac;
import dev.kairos.proto.compliance.ChannelConsent;
import dev.kairos.proto.compliance.ConsentState;
import dev.kairos.proto.compliance.ConsentStatus;
import dev.kairos.proto.compliance.Suppression;
import dev.kairos.proto.preferences.TopicCatalogueEntry;
import dev.kairos.proto.serde.KairosSerdes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The senders' own replica of the topic catalogue, the consents and the suppressions (ADR 0022). Before each
 * answer it reads every partition up to the end offset the broker reports at that moment, so a withdrawal or
 * suppression committed before the check is always seen: read-your-latest, not eventually.
 */
final class StateReplica implements CurrentState, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StateReplica.class);

    private final Consumer<String, byte[]> consumer;
    private final AddressHmac addressHmac;
    private final String topicsTopic;
    private final String consentsTopic;
    private final List<TopicPartition> partitions = new ArrayList<>();
    private final Map<String, String> purposes = new HashMap<>();
    private final Map<String, List<ChannelConsent>> consents = new HashMap<>();
    private final Map<String, Suppression> suppressions = new HashMap<>();

    StateReplica(Consumer<String, byte[]> consumer, AddressHmac addressHmac, String topicsTopic, String consentsTopic,
                 String suppressionsTopic) {
        this.consumer = consumer;
        this.addressHmac = addressHmac;
        this.topicsTopic = topicsTopic;
        this.consentsTopic = consentsTopic;
        for (String topic : List.of(topicsTopic, consentsTopic, suppressionsTopic)) {
            for (PartitionInfo p : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, p.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    @Override
    public synchronized Optional<SuppressionReason> suppression(String address, Channel channel) {
        catchUp();
        return Optional.ofNullable(suppressions.get(addressHmac.of(address)))
                .filter(s -> s.getChannel() == null || s.getChannel().name().equals(channel.name()))
                .map(s -> SuppressionReason.valueOf(s.getReason().name()));
    }

    @Override
    public synchronized boolean awaitsConfirmation(String customerId, String entryId, Channel channel, String address) {
        catchUp();
        String hmac = addressHmac.of(address);
        return consents.getOrDefault(customerId, List.of()).stream()
                .anyMatch(c -> c.getEntryId().equals(entryId) && c.getStatus() == ConsentStatus.PENDING_CONFIRMATION
                        && c.getChannel().name().equals(channel.name()) && hmac.equals(c.getAddressHmac()));
    }

    @Override
    public synchronized Optional<ConsentNow> consent(String customerId, String topic, Channel channel) {
        catchUp();
        String purpose = purposes.getOrDefault(topic, topic);
        return consents.getOrDefault(customerId, List.of()).stream()
                .filter(c -> c.getChannel().name().equals(channel.name()) && c.getPurpose().equals(purpose))
                .findFirst()
                .map(c -> new ConsentNow(c.getStatus() == ConsentStatus.WITHDRAWN,
                        c.getStatus() == ConsentStatus.EXPIRED, c.getExpiresAt()));
    }

    private void catchUp() {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                applyOrSkip(record);
            }
        }
    }

    /**
     * A record that cannot be read is skipped, and the rest of the batch still applied: thrown out of the poll
     * loop, it took the records polled with it (a withdrawal behind it among them) out of the replica for good.
     * The decision engine reads the same topics and moves such a record to the dead letters with its cause.
     */
    private void applyOrSkip(ConsumerRecord<String, byte[]> record) {
        try {
            apply(record);
        } catch (RuntimeException e) {
            log.warn("Senders' replica skipped {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getClass().getName());
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        String key = record.key();
        byte[] value = record.value();
        if (record.topic().equals(topicsTopic)) {
            if (value == null) {
                purposes.remove(key);
            } else {
                TopicCatalogueEntry entry = KairosSerdes.topicCatalogueEntry().decode(value);
                purposes.put(entry.getTopicId(), entry.getPurpose());
            }
        } else if (record.topic().equals(consentsTopic)) {
            if (value == null) {
                consents.remove(key);
            } else {
                ConsentState state = KairosSerdes.consentState().decode(value);
                consents.put(state.getCustomerId(), List.copyOf(state.getConsents()));
            }
        } else if (value == null) {
            suppressions.remove(key);
        } else {
            suppressions.put(key, KairosSerdes.suppression().decode(value));
        }
    }

    @Override
    public synchronized void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
