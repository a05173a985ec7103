package dev.kairos.compliance.confirmations.messaging;

import dev.kairos.compliance.addresses.Channel;
import dev.kairos.compliance.confirmations.ConfirmationService;
import dev.kairos.compliance.confirmations.PendingGrant;
import dev.kairos.compliance.ledger.LegalBasis;
import dev.kairos.platform.messaging.KairosConsumers;
import dev.kairos.proto.compliance.LedgerEntryType;
import dev.kairos.proto.serde.KairosSerdes;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Reads compliance's own ledger topic for grants waiting for confirmation. Whichever way a double opt-in
 * grant was recorded (API, page), its entry is published once the grant committed, so the confirmation is
 * sent only for a grant that exists, and is sent again after a crash until it is recorded as sent.
 */
@Configuration(proxyBeanMethods = false)
class PendingGrantsListener {

    @Bean
    Consumer<Message<byte[]>> confirmations(ConfirmationService confirmations) {
        return KairosConsumers.keyed(KairosSerdes.consentLedgerEntry(), (customer, entry) -> {
            if (entry == null || entry.getType() != LedgerEntryType.PENDING_CONFIRMATION) {
                return;
            }
            confirmations.requestConfirmation(new PendingGrant(entry.getEntryId(), entry.getCustomerId(),
                    Channel.valueOf(entry.getChannel().name()), entry.getPurpose(),
                    entry.getBasis() == null ? null : LegalBasis.valueOf(entry.getBasis().name()), entry.getJurisdiction()));
        });
    }
}
