package dev.kairos.compliance.signals.messaging;

import dev.kairos.compliance.signals.SignalService;
import dev.kairos.platform.messaging.KairosConsumers;
import dev.kairos.proto.common.TopicCategory;
import dev.kairos.proto.serde.KairosSerdes;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** The topic catalogue (compacted, keyed by topic id) into the replica of marketing purposes; a tombstone removes the topic. */
@Configuration(proxyBeanMethods = false)
class TopicCatalogueListener {

    @Bean
    Consumer<Message<byte[]>> topicCatalogue(SignalService signals) {
        return KairosConsumers.keyed(KairosSerdes.topicCatalogueEntry(), (topicId, entry) -> {
            if (entry == null) {
                signals.topicRemoved(topicId);
            } else {
                signals.topicChanged(entry.getTopicId(), entry.getPurpose(), entry.getCategory() == TopicCategory.MARKETING);
            }
        });
    }
}
