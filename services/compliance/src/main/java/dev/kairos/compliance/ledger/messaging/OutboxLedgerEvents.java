package dev.kairos.compliance.ledger.messaging;

import dev.kairos.compliance.ledger.LedgerEntry;
import dev.kairos.compliance.ledger.LedgerEvents;
import dev.kairos.ledger.verifier.Checkpoint;
import dev.kairos.platform.outbox.Outbox;
import dev.kairos.platform.topics.TopicsProperties;
import dev.kairos.proto.common.Channel;
import dev.kairos.proto.compliance.ConsentLedgerEntry;
import dev.kairos.proto.compliance.LedgerCheckpoint;
import dev.kairos.proto.compliance.LedgerEntryType;
import dev.kairos.proto.compliance.LegalBasis;
import dev.kairos.proto.serde.AvroSerde;
import dev.kairos.proto.serde.KairosSerdes;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Every ledger entry goes to {@code consent-ledger}, keyed by customer, through the outbox; so does every signed
 * checkpoint, a {@code LedgerCheckpoint} under {@value #CHECKPOINT_KEY} (never a customer id, whose characters
 * exclude {@code #}), told apart from the entries by its schema fingerprint.
 */
@Component
class OutboxLedgerEvents implements LedgerEvents {

    /** The key of checkpoints: one partition, so a reader finds them in the order they were made. */
    static final String CHECKPOINT_KEY = "#ledger-checkpoint";

    private final AvroSerde<ConsentLedgerEntry> serde = KairosSerdes.consentLedgerEntry();
    private final AvroSerde<LedgerCheckpoint> checkpoints = KairosSerdes.ledgerCheckpoint();
    private final Outbox outbox;
    private final String topic;

    OutboxLedgerEvents(Outbox outbox, TopicsProperties topics) {
        this.outbox = outbox;
        this.topic = topics.name("consent-ledger");
    }

    @Override
    public void appended(List<LedgerEntry> entries) {
        outbox.appendAll(topic, entries.stream().map(entry -> {
            String eventId = UUID.randomUUID().toString();
            return new Outbox.Message(entry.customerId(), serde.encode(record(entry, eventId)), eventId);
        }).toList());
    }

    @Override
    public void checkpointed(Checkpoint checkpoint) {
        String eventId = UUID.randomUUID().toString();
        outbox.append(topic, CHECKPOINT_KEY, checkpoints.encode(record(checkpoint, eventId)), eventId);
    }

    static LedgerCheckpoint record(Checkpoint c, String eventId) {
        return LedgerCheckpoint.newBuilder()
                .setEventId(eventId)
                .setSequence(c.sequence())
                .setHeadHash(c.headHash())
                .setCheckpointedAt(c.checkpointedAt())
                .setSignature(c.signature())
                .build();
    }

    static ConsentLedgerEntry record(LedgerEntry e, String eventId) {
        return ConsentLedgerEntry.newBuilder()
                .setEventId(eventId)
                .setEntryId(e.entryId().toString())
                .setSequence(e.sequence())
                .setCustomerId(e.customerId())
                .setType(LedgerEntryType.valueOf(e.type().name()))
                .setChannel(Channel.valueOf(e.channel().name()))
                .setPurpose(e.purpose())
                .setBasis(e.basis() == null ? null : LegalBasis.valueOf(e.basis().name()))
                .setJurisdiction(e.jurisdiction())
                .setSource(e.source())
                .setOccurredAt(e.occurredAt())
                .setExpiresAt(e.expiresAt())
                .setAddressCommitment(e.addressCommitment())
                .setEvidenceCommitment(e.evidenceCommitment())
                .setPreviousHash(e.previousHash())
                .setHash(e.hash())
                .setRecordedAt(e.recordedAt())
                .build();
    }
}
