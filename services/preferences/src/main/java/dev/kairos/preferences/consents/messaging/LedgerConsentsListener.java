package dev.kairos.preferences.consents.messaging;

import dev.kairos.platform.messaging.KairosConsumers;
import dev.kairos.preferences.common.Channel;
import dev.kairos.preferences.consents.LedgerConsent;
import dev.kairos.preferences.consents.LedgerConsents;
import dev.kairos.proto.compliance.ConsentState;
import dev.kairos.proto.serde.KairosSerdes;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Keeps the replica of the ledger's consents from {@code compliance.consents.v1} (compacted, keyed by customer,
 * a full snapshot each time): a snapshot replaces the customer's consents unless an equal or newer version is
 * held, so a redelivery changes nothing; a tombstone (after an erasure) forgets the customer.
 */
@Configuration(proxyBeanMethods = false)
class LedgerConsentsListener {

    @Bean
    Consumer<Message<byte[]>> ledgerConsents(LedgerConsents consents) {
        return KairosConsumers.keyed(KairosSerdes.consentState(), (customer, state) -> {
            if (state == null) {
                consents.forget(customer);
            } else {
                consents.replace(state.getCustomerId(), state.getVersion(), consents(state));
            }
        });
    }

    static List<LedgerConsent> consents(ConsentState state) {
        return state.getConsents().stream()
                .map(c -> new LedgerConsent(Channel.valueOf(c.getChannel().name()), c.getPurpose(),
                        c.getStatus().name(), c.getExpiresAt()))
                .toList();
    }
}
