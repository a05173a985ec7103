package dev.kairos.compliance.signals;

import dev.kairos.compliance.addresses.Channel;
import dev.kairos.compliance.consents.Consent;
import dev.kairos.compliance.consents.ConsentService;
import dev.kairos.compliance.consents.ConsentStatus;
import dev.kairos.compliance.contacts.AddressIndexing;
import dev.kairos.compliance.ledger.EntryType;
import dev.kairos.compliance.ledger.Evidence;
import dev.kairos.compliance.ledger.Ledger;
import dev.kairos.compliance.rules.ConsentChange;
import dev.kairos.compliance.rules.Origin;
import dev.kairos.compliance.suppressions.SuppressionReason;
import dev.kairos.compliance.suppressions.SuppressionService;
import dev.kairos.platform.addresses.AddressHmac;
import dev.kairos.platform.events.AppliedEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies what the channels report. A STOP withdraws SMS marketing, a mailto unsubscribe email marketing, for
 * every customer with that address (on record in preferences, or named by a consent); a hard bounce, a spam
 * complaint or a returned letter suppresses the address; HELP changes nothing. Each signal applies once, in
 * one transaction with the record of having applied it.
 */
@Service
public class SignalService {

    static final String CONSUMER = "compliance.channel-signals";

    /** Evidence sources of withdrawals from signals. */
    static final String SMS_KEYWORD = ConsentChange.SMS_KEYWORD_SOURCE;
    static final String MAILTO_UNSUBSCRIBE = "MAILTO_UNSUBSCRIBE";

    private static final Set<ConsentStatus> WITHDRAWABLE = Set.of(ConsentStatus.ACTIVE,
            ConsentStatus.PENDING_CONFIRMATION, ConsentStatus.EXPIRED);

    private final AppliedEvents applied;
    private final AddressIndexing index;
    private final ConsentHolders holders;
    private final ConsentService consents;
    private final SuppressionService suppressions;
    private final AddressHmac addressHmac;
    private final MeterRegistry meters;
    private final MarketingPurposes purposes;
    private final EmailMarketingOptOuts optOuts;
    private final Ledger ledger;

    SignalService(AppliedEvents applied, AddressIndexing index, ConsentHolders holders, ConsentService consents,
                  SuppressionService suppressions, AddressHmac addressHmac, MeterRegistry meters,
                  MarketingPurposes purposes, EmailMarketingOptOuts optOuts, Ledger ledger) {
        this.applied = applied;
        this.index = index;
        this.holders = holders;
        this.consents = consents;
        this.suppressions = suppressions;
        this.addressHmac = addressHmac;
        this.meters = meters;
        this.purposes = purposes;
        this.optOuts = optOuts;
        this.ledger = ledger;
    }

    @Transactional
    public void apply(ReceivedSignal signal) {
        if (!applied.markApplied(CONSUMER, signal.eventId())) {
            return;
        }
        Counter.builder("kairos.compliance.signals")
                .description("Channel signals applied, by type")
                .tag("type", signal.type().name())
                .register(meters)
                .increment();
        switch (signal.type()) {
            case STOP -> withdrawMarketing(signal, Channel.SMS, SMS_KEYWORD);
            case UNSUBSCRIBE -> withdrawMarketing(signal, Channel.EMAIL, MAILTO_UNSUBSCRIBE);
            case HELP -> {
                // HELP changes no consent; but a message that is itself an opt-out keyword is a STOP, whatever
                // the channel made of it: an opt-out is never lost.
                if (StopKeywords.isOptOut(signal.rawText()) || StopKeywords.isOptOut(signal.keyword())) {
                    withdrawMarketing(signal, Channel.SMS, SMS_KEYWORD);
                }
            }
            case HARD_BOUNCE -> suppress(signal, SuppressionReason.HARD_BOUNCE);
            case COMPLAINT -> suppress(signal, SuppressionReason.COMPLAINT);
            case MAIL_RETURNED -> suppress(signal, SuppressionReason.MAIL_RETURNED);
        }
    }

    /**
     * Withdraws marketing on the channel for every customer with the address, in one change per customer
     * (read under the ledger's append lock, one new snapshot). Each withdrawal carries the customer's
     * jurisdiction from the address index, or none while their snapshot has not arrived: the opt-out is
     * never held back for it.
     *
     * <p>A mailto unsubscribe also withdraws email marketing for every MARKETING purpose of the catalogue on
     * which the customer has no consent record at all: under an opt-out model (US email, CAN-SPAM) dispatch
     * may send without consent, so only a withdrawal on the ledger stops it. It is recorded whatever the
     * jurisdiction (ADR 0013): the jurisdiction may be unknown yet or change, and the opt-out must hold.
     */
    private void withdrawMarketing(ReceivedSignal signal, Channel channel, String source) {
        String hmac = addressHmac.of(signal.address());
        Set<String> onRecord = new TreeSet<>(index.customersAt(hmac, channel));
        Set<String> customers = new TreeSet<>(onRecord);
        customers.addAll(holders.customers(hmac, channel));
        if (customers.isEmpty()) {
            // Nobody has the address yet: keep the opt-out as a suppression of the address on that channel,
            // so that a customer who later brings it is not messaged there either.
            suppressions.suppressHmac(hmac, channel, SuppressionReason.STOP_KEYWORD, signal.receivedAt(), source);
            return;
        }
        Evidence evidence = new Evidence(source, "channel-signal:" + signal.eventId(), null, null, null, null);
        String address = AddressHmac.normalise(signal.address());
        // The ledger's append lock first: a catalogue change takes it too before it reads the opt-outs, so a
        // purpose added meanwhile is either read here or sees this customer's opt-out (see topicChanged).
        ledger.lock();
        List<String> unconsentedPurposes = channel == Channel.EMAIL ? purposes.all() : List.of();
        for (String customer : customers) {
            String jurisdiction = index.jurisdictionOf(customer).orElse(null);
            consents.apply(customer, current -> {
                List<ConsentChange> withdrawals = new ArrayList<>();
                Set<String> recorded = new TreeSet<>();
                for (Consent consent : current) {
                    if (consent.channel() != channel) {
                        continue;
                    }
                    recorded.add(consent.purpose());
                    if (WITHDRAWABLE.contains(consent.status())
                            && (onRecord.contains(customer) || hmac.equals(consent.addressHmac()))) {
                        withdrawals.add(withdrawal(customer, channel, consent.purpose(), jurisdiction, address,
                                signal, evidence));
                    }
                }
                for (String purpose : unconsentedPurposes) {
                    if (!recorded.contains(purpose)) {
                        withdrawals.add(withdrawal(customer, channel, purpose, jurisdiction, address, signal, evidence));
                    }
                }
                return withdrawals;
            });
            if (channel == Channel.EMAIL) {
                optOuts.record(customer, signal.eventId(), signal.receivedAt());
            }
        }
    }

    private static ConsentChange withdrawal(String customer, Channel channel, String purpose, String jurisdiction,
                                            String address, ReceivedSignal signal, Evidence evidence) {
        return new ConsentChange(Origin.SIGNAL, customer, EntryType.WITHDRAWN, channel, purpose, null, jurisdiction,
                address, signal.receivedAt(), null, evidence);
    }

    /**
     * A catalogue entry as it now stands: its purpose counts for a mailto unsubscribe if it is MARKETING. A
     * MARKETING purpose new to the catalogue is withdrawn for email at once for every customer who unsubscribed
     * by mailto before, citing that unsubscribe, unless they have a consent record on it: their opt-out covered
     * email marketing, including what the catalogue adds later (ADR 0013).
     */
    @Transactional
    public void topicChanged(String topicId, String purpose, boolean marketing) {
        String named = purpose == null || purpose.isBlank() ? topicId : purpose;
        if (marketing) {
            ledger.lock(); // against a mailto unsubscribe applied at the same moment (see withdrawMarketing)
        }
        boolean newMarketingPurpose = marketing && !purposes.all().contains(named);
        purposes.put(topicId, named, marketing);
        if (newMarketingPurpose) {
            optOuts.all().forEach(optOut -> extendOptOut(optOut, named));
        }
    }

    private void extendOptOut(EmailMarketingOptOuts.OptOut optOut, String purpose) {
        String customer = optOut.customerId();
        String jurisdiction = index.jurisdictionOf(customer).orElse(null);
        Evidence evidence = new Evidence(MAILTO_UNSUBSCRIBE, "channel-signal:" + optOut.signalEventId(),
                null, null, null, null);
        consents.apply(customer, current -> current.stream()
                .anyMatch(c -> c.channel() == Channel.EMAIL && c.purpose().equals(purpose))
                ? List.of()
                : List.of(new ConsentChange(Origin.CATALOGUE, customer, EntryType.WITHDRAWN, Channel.EMAIL, purpose,
                        null, jurisdiction, null, optOut.optedOutAt(), null, evidence)));
    }

    @Transactional
    public void topicRemoved(String topicId) {
        purposes.remove(topicId);
    }

    private void suppress(ReceivedSignal signal, SuppressionReason reason) {
        suppressions.suppress(signal.address(), signal.channel(), reason, signal.receivedAt(), reason.name());
    }
}
