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
}
