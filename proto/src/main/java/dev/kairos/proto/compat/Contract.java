package dev.kairos.proto.compat;

import java.util.List;

import org.apache.avro.Schema;

import dev.kairos.proto.compliance.ConsentLedgerEntry;
import dev.kairos.proto.compliance.ConsentState;
import dev.kairos.proto.compliance.CustomerErased;
import dev.kairos.proto.compliance.LedgerCheckpoint;
import dev.kairos.proto.compliance.Suppression;
import dev.kairos.proto.dispatch.ChannelSignal;
import dev.kairos.proto.dispatch.MessageOutcome;
import dev.kairos.proto.dispatch.SendApproved;
import dev.kairos.proto.dispatch.MessageTemplate;
import dev.kairos.proto.dispatch.SendMessage;
import dev.kairos.proto.dispatch.SmsReceived;
import dev.kairos.proto.dispatch.SmsSubmitted;
import dev.kairos.proto.preferences.ConsentSubmitted;
import dev.kairos.proto.preferences.ContactPreferences;
import dev.kairos.proto.preferences.TopicCatalogueEntry;

/**
 * A topic value record as it stands in the IDL, and how its topic is cleaned up. The topic table in
 * {@code proto/README.md} names the topics.
 */
record Contract(Schema current, Cleanup cleanup) {

    /** Kafka's cleanup.policy of the topic carrying the record. */
    enum Cleanup {
        /** Messages expire after the retention time. */
        DELETE,
        /**
         * The latest value per key stays for good, and consumers on an older release rebuild their tables
         * from it: they must read what the current schema writes.
         */
        COMPACT
    }

    static final List<Contract> ALL = List.of(
            new Contract(TopicCatalogueEntry.getClassSchema(), Cleanup.COMPACT),
            new Contract(ContactPreferences.getClassSchema(), Cleanup.COMPACT),
            new Contract(ConsentSubmitted.getClassSchema(), Cleanup.DELETE),
            new Contract(ConsentLedgerEntry.getClassSchema(), Cleanup.DELETE),
            new Contract(LedgerCheckpoint.getClassSchema(), Cleanup.DELETE),
            new Contract(ConsentState.getClassSchema(), Cleanup.COMPACT),
            new Contract(Suppression.getClassSchema(), Cleanup.COMPACT),
            new Contract(CustomerErased.getClassSchema(), Cleanup.DELETE),
            new Contract(SendMessage.getClassSchema(), Cleanup.DELETE),
            new Contract(MessageOutcome.getClassSchema(), Cleanup.DELETE),
            new Contract(ChannelSignal.getClassSchema(), Cleanup.DELETE),
            new Contract(SendApproved.getClassSchema(), Cleanup.DELETE),
            new Contract(SmsReceived.getClassSchema(), Cleanup.DELETE),
            new Contract(SmsSubmitted.getClassSchema(), Cleanup.DELETE),
            new Contract(MessageTemplate.getClassSchema(), Cleanup.COMPACT));

    String fullName() {
        return current.getFullName();
    }
}
