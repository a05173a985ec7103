package dev.kairos.proto.serde;

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
 * One serde per topic value record, reading every released version of it. Which topic carries which
 * record is in the topic table of {@code proto/README.md}.
 */
public final class KairosSerdes {

    private KairosSerdes() {
    }

    public static AvroSerde<TopicCatalogueEntry> topicCatalogueEntry() {
        return AvroSerde.of(TopicCatalogueEntry.class);
    }

    public static AvroSerde<ContactPreferences> contactPreferences() {
        return AvroSerde.of(ContactPreferences.class);
    }

    public static AvroSerde<ConsentSubmitted> consentSubmitted() {
        return AvroSerde.of(ConsentSubmitted.class);
    }

    public static AvroSerde<ConsentLedgerEntry> consentLedgerEntry() {
        return AvroSerde.of(ConsentLedgerEntry.class);
    }

    /**
     * Shares compliance.consent-ledger.v1 with {@link #consentLedgerEntry()}: tell them apart with
     * {@link AvroSerde#reads}.
     */
    public static AvroSerde<LedgerCheckpoint> ledgerCheckpoint() {
        return AvroSerde.of(LedgerCheckpoint.class);
    }

    public static AvroSerde<ConsentState> consentState() {
        return AvroSerde.of(ConsentState.class);
    }

    public static AvroSerde<Suppression> suppression() {
        return AvroSerde.of(Suppression.class);
    }

    public static AvroSerde<CustomerErased> customerErased() {
        return AvroSerde.of(CustomerErased.class);
    }

    public static AvroSerde<SendMessage> sendMessage() {
        return AvroSerde.of(SendMessage.class);
    }

    public static AvroSerde<MessageOutcome> messageOutcome() {
        return AvroSerde.of(MessageOutcome.class);
    }

    public static AvroSerde<ChannelSignal> channelSignal() {
        return AvroSerde.of(ChannelSignal.class);
    }

    public static AvroSerde<SendApproved> sendApproved() {
        return AvroSerde.of(SendApproved.class);
    }

    public static AvroSerde<SmsReceived> smsReceived() {
        return AvroSerde.of(SmsReceived.class);
    }

    public static AvroSerde<SmsSubmitted> smsSubmitted() {
        return AvroSerde.of(SmsSubmitted.class);
    }

    public static AvroSerde<MessageTemplate> messageTemplate() {
        return AvroSerde.of(MessageTemplate.class);
    }
}
