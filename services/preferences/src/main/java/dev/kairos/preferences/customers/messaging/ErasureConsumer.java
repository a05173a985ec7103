package dev.kairos.preferences.customers.messaging;

import dev.kairos.platform.events.AppliedEvents;
import dev.kairos.platform.messaging.KairosConsumers;
import dev.kairos.preferences.customers.PreferencesService;
import dev.kairos.proto.serde.KairosSerdes;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies {@code CustomerErased}: deletes the customer's preferences and writes the snapshot tombstone in one
 * transaction, with the event marked applied, so a redelivery after a crash or a retry changes nothing. A
 * database error is retried, then the erasure goes to the dead-letter topic (kairos-platform's messaging
 * conventions); the offset moves on only once it is applied or dead-lettered, so no erasure is skipped unseen.
 */
@Configuration(proxyBeanMethods = false)
class ErasureConsumer {

    private static final Logger log = LoggerFactory.getLogger(ErasureConsumer.class);
    private static final String CONSUMER = "preferences.erasures";

    @Bean
    Consumer<Message<byte[]>> erasures(PreferencesService preferences, AppliedEvents applied,
            TransactionTemplate transactions) {
        return KairosConsumers.values(KairosSerdes.customerErased(), erased -> {
            transactions.executeWithoutResult(status -> {
                if (applied.markApplied(CONSUMER, erased.getEventId())) {
                    preferences.erase(erased.getCustomerId(), erased.getEventId());
                }
            });
            log.info("Applied erasure event {}", erased.getEventId());
        });
    }
}
