package dev.kairos.compliance.consents;

import dev.kairos.compliance.ledger.Ledger;
import dev.kairos.compliance.ledger.LedgerEntry;
import dev.kairos.compliance.ledger.NewEntry;
import dev.kairos.platform.addresses.AddressHmac;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Records grants and withdrawals in the ledger and keeps each customer's current consents. */
@Service
public class ConsentService {

    /** The collection method recorded when a caller brings no evidence (a withdrawal through the API). */
    static final String API_SOURCE = "API";

    private final Ledger ledger;
    private final Consents consents;
    private final ConsentEvents events;
    private final AddressHmac addressHmac;
    private final Clock clock;

    ConsentService(Ledger ledger, Consents consents, ConsentEvents events, AddressHmac addressHmac, Clock clock) {
        this.ledger = ledger;
        this.consents = consents;
        this.events = events;
        this.addressHmac = addressHmac;
        this.clock = clock;
    }

    /**
     * Appends the event to the ledger, updates the customer's consents and announces both, all in one
     * transaction: the ledger entry and the new snapshot are published if and only if they commit.
     */
    @Transactional
    public RecordedConsent record(RecordConsent command) {
        String address = AddressHmac.normalise(command.address());
        String source = command.evidence() != null ? command.evidence().source() : API_SOURCE;
        LedgerEntry entry = ledger.append(new NewEntry(command.customerId(),
                command.action().entryType(command.doubleOptIn()), command.channel(), command.purpose(),
                command.basis(), command.jurisdiction(), source, command.collectedAt(), null, address,
                command.evidence()));
        ConsentStatus status = ConsentStatus.after(entry.type());
        long version = consents.nextVersion(command.customerId(), entry.recordedAt());
        consents.save(command.customerId(), new Consent(entry.channel(), entry.purpose(), status, entry.basis(),
                address, addressHmac.of(address), entry.entryId(), entry.expiresAt()));
        events.changed(new CustomerConsents(command.customerId(), version, entry.recordedAt(),
                consents.of(command.customerId())));
        return new RecordedConsent(entry.entryId(), entry.sequence(), status, entry.expiresAt(), entry.hash());
    }

    /** The customer's consents as they stand now. */
    @Transactional(readOnly = true)
    public List<Consent> current(String customerId) {
        Instant now = clock.instant();
        return consents.of(customerId).stream().map(consent -> consent.at(now)).toList();
    }

    /** The customer's consents as the ledger had recorded them at {@code asOf}. */
    @Transactional(readOnly = true)
    public List<Consent> asOf(String customerId, Instant asOf) {
        return ledger.latestPerChannelAndPurpose(customerId, asOf).stream()
                .map(addressed -> {
                    LedgerEntry entry = addressed.entry();
                    String address = addressed.address();
                    return new Consent(entry.channel(), entry.purpose(), ConsentStatus.after(entry.type()),
                            entry.basis(), address, address == null ? null : addressHmac.of(address),
                            entry.entryId(), entry.expiresAt()).at(asOf);
                })
                .toList();
    }

    /**
     * Appends an entry of any type for one channel and purpose of the customer and announces the customer's
     * consents, in one transaction, as {@link #record} does: channel signals (a STOP, a mailto unsubscribe)
     * and double opt-in confirmations come this way. Without an address the entry keeps the one of the
     * consent it changes.
     */
    @Transactional
    public RecordedConsent recordEntry(Change change) {
        String address = change.address() != null
                ? AddressHmac.normalise(change.address())
                : consents.of(change.customerId()).stream()
                        .filter(c -> c.channel() == change.channel() && c.purpose().equals(change.purpose()))
                        .map(Consent::address)
                        .filter(java.util.Objects::nonNull)
                        .findFirst().orElse(null);
        LedgerEntry entry = ledger.append(new NewEntry(change.customerId(), change.type(), change.channel(),
                change.purpose(), change.basis(), change.jurisdiction(), change.evidence().source(),
                change.occurredAt(), change.expiresAt(), address, change.evidence()));
        ConsentStatus status = ConsentStatus.after(entry.type());
        long version = consents.nextVersion(change.customerId(), entry.recordedAt());
        consents.save(change.customerId(), new Consent(entry.channel(), entry.purpose(), status, entry.basis(),
                address, address == null ? null : addressHmac.of(address), entry.entryId(), entry.expiresAt()));
        events.changed(new CustomerConsents(change.customerId(), version, entry.recordedAt(),
                consents.of(change.customerId())));
        return new RecordedConsent(entry.entryId(), entry.sequence(), status, entry.expiresAt(), entry.hash());
    }

    /**
     * A consent event to record with {@link #recordEntry}.
     *
     * @param address    as received, or {@code null} to keep the consent's
     * @param occurredAt when it happened; {@code null} means when the ledger records it
     * @param evidence   the proof; its source names the collection method
     */
    public record Change(String customerId, dev.kairos.compliance.ledger.EntryType type,
                         dev.kairos.compliance.addresses.Channel channel, String purpose,
                         dev.kairos.compliance.ledger.LegalBasis basis, String jurisdiction, String address,
                         Instant occurredAt, Instant expiresAt, dev.kairos.compliance.ledger.Evidence evidence) {
    }
}
