package dev.kairos.compliance.confirmations.messaging;

import dev.kairos.compliance.addresses.Channel;
import dev.kairos.compliance.confirmations.ConfirmationService;
import dev.kairos.compliance.confirmations.PendingGrant;
import dev.kairos.compliance.ledger.LegalBasis;
import dev.kairos.platform.topics.TopicsProperties;
import dev.kairos.proto.compliance.ConsentLedgerEntry;
import dev.kairos.proto.compliance.LedgerEntryType;
import dev.kairos.proto.serde.AvroSerde;
import dev.kairos.proto.serde.KairosSerdes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads compliance's own ledger topic for grants waiting for confirmation. Whichever way a double opt-in
 * grant was recorded (API, page), its entry is published once the grant committed, so the confirmation is
 * sent only for a grant that exists, and is sent again after a crash until it is recorded as sent.
 */
@Component
class PendingGrantsListener {

    private final AvroSerde<ConsentLedgerEntry> serde = KairosSerdes.consentLedgerEntry();
    private final ConfirmationService confirmations;
    private final String topic;

    PendingGrantsListener(ConfirmationService confirmations, TopicsProperties topics) {
        this.confirmations = confirmations;
        this.topic = topics.name("consent-ledger");
    }

    public String topic() {
        return topic;
    }

    @KafkaListener(id = "compliance.confirmations", topics = "#{__listener.topic()}")
    void on(ConsumerRecord<String, byte[]> record) {
        ConsentLedgerEntry entry = serde.decode(record.value());
        if (entry == null || entry.getType() != LedgerEntryType.PENDING_CONFIRMATION) {
            return;
        }
        confirmations.requestConfirmation(new PendingGrant(entry.getEntryId(), entry.getCustomerId(),
                Channel.valueOf(entry.getChannel().name()), entry.getPurpose(),
                entry.getBasis() == null ? null : LegalBasis.valueOf(entry.getBasis().name()), entry.getJurisdiction()));
    }
}
