package dev.kairos.compliance.confirmations.messaging;

import dev.kairos.compliance.addresses.Channel;
import dev.kairos.compliance.confirmations.ConfirmationService;
import dev.kairos.compliance.confirmations.PendingGrant;
import dev.kairos.compliance.ledger.LegalBasis;
import dev.kairos.platform.messaging.KairosConsumers;
import dev.kairos.proto.compliance.LedgerCheckpoint;
import dev.kairos.proto.compliance.LedgerEntryType;
import dev.kairos.proto.serde.AvroSerde;
import dev.kairos.proto.serde.KairosSerdes;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Reads compliance's own ledger topic for grants waiting for confirmation. Whichever way a double opt-in
 * grant was recorded (API, page), its entry is published once the grant committed, so the confirmation is
 * sent only for a grant that exists, and is sent again after a crash until it is recorded as sent. The topic
 * also carries the chain's signed checkpoints, which are no grants: they are passed over by their fingerprint.
 */
@Configuration(proxyBeanMethods = false)
class PendingGrantsListener {

    @Bean
    Consumer<Message<byte[]>> confirmations(ConfirmationService confirmations) {
        AvroSerde<LedgerCheckpoint> checkpoints = KairosSerdes.ledgerCheckpoint();
        Consumer<Message<byte[]>> entries = KairosConsumers.keyed(KairosSerdes.consentLedgerEntry(), (customer, entry) -> {
            if (entry == null || entry.getType() != LedgerEntryType.PENDING_CONFIRMATION) {
                return;
            }
            confirmations.requestConfirmation(new PendingGrant(entry.getEntryId(), entry.getCustomerId(),
                    Channel.valueOf(entry.getChannel().name()), entry.getPurpose(),
                    entry.getBasis() == null ? null : LegalBasis.valueOf(entry.getBasis().name()), entry.getJurisdiction()));
        });
        return message -> {
            // A tombstone arrives as KafkaNull, whatever the declared payload type.
            Object payload = message.getPayload();
            if (!(payload instanceof byte[] value && checkpoints.reads(value))) {
                entries.accept(message);
            }
        };
    }
}
