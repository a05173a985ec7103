package dev.kairos.compliance.signals.messaging;

import dev.kairos.compliance.signals.SignalService;
import dev.kairos.platform.topics.TopicsProperties;
import dev.kairos.proto.common.TopicCategory;
import dev.kairos.proto.preferences.TopicCatalogueEntry;
import dev.kairos.proto.serde.AvroSerde;
import dev.kairos.proto.serde.KairosSerdes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** The topic catalogue (compacted, keyed by topic id) into the replica of marketing purposes; a tombstone removes the topic. */
@Component
class TopicCatalogueListener {

    private final AvroSerde<TopicCatalogueEntry> serde = KairosSerdes.topicCatalogueEntry();
    private final SignalService signals;
    private final String topic;

    TopicCatalogueListener(SignalService signals, TopicsProperties topics) {
        this.signals = signals;
        this.topic = topics.name("topics");
    }

    public String topic() {
        return topic;
    }

    @KafkaListener(id = "compliance.topic-catalogue", topics = "#{__listener.topic()}")
    void on(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            signals.topicRemoved(record.key());
            return;
        }
        TopicCatalogueEntry entry = serde.decode(record.value());
        signals.topicChanged(entry.getTopicId(), entry.getPurpose(), entry.getCategory() == TopicCategory.MARKETING);
    }
}
