package dev.kairos.compliance.consents;

import dev.kairos.compliance.ledger.Ledger;
import dev.kairos.compliance.ledger.LedgerEntry;
import dev.kairos.compliance.ledger.NewEntry;
import dev.kairos.compliance.ledger.RecordedEntry;
import dev.kairos.platform.addresses.AddressHmac;
import dev.kairos.platform.web.InvalidRequestException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Records consent events in the ledger and keeps each customer's current consents. */
@Service
public class ConsentService {

    /** The collection method recorded when a caller brings no evidence (a withdrawal through the API). */
    static final String API_SOURCE = "API";

    private final Ledger ledger;
    private final Consents consents;
    private final ConsentEvents events;
    private final AddressHmac addressHmac;
    private final Clock clock;
    private final ConsentRules rules;

    ConsentService(Ledger ledger, Consents consents, ConsentEvents events, AddressHmac addressHmac, Clock clock,
                   ConsentRules rules) {
        this.ledger = ledger;
        this.consents = consents;
        this.events = events;
        this.addressHmac = addressHmac;
        this.clock = clock;
        this.rules = rules;
    }

    /**
     * Appends the event to the ledger, updates the customer's consents and announces both, all in one
     * transaction: the ledger entry and the new snapshot are published if and only if they commit. A grant
     * is held to the rules of its jurisdiction: a basis they do not accept is refused, and the consent
     * lapses when they say.
     */
    @Transactional
    public RecordedConsent record(RecordConsent command) {
        String address = AddressHmac.normalise(command.address());
        String source = command.evidence() != null ? command.evidence().source() : API_SOURCE;
        Instant expiresAt = null;
        if (command.action() == ConsentAction.GRANT) {
            rules.basisProblem(command.channel(), command.jurisdiction(), command.basis()).ifPresent(problem -> {
                throw new InvalidRequestException("basis", problem);
            });
            expiresAt = rules.expiresAt(command.channel(), command.jurisdiction(), command.basis(),
                    command.collectedAt() == null ? clock.instant() : command.collectedAt());
        }
        LedgerEntry entry = apply(command.customerId(), List.of(new NewEntry(command.customerId(),
                command.action().entryType(command.doubleOptIn()), command.channel(), command.purpose(),
                command.basis(), command.jurisdiction(), source, command.collectedAt(), expiresAt, address,
                command.evidence()))).get(0);
        return new RecordedConsent(entry.entryId(), entry.sequence(), ConsentStatus.after(entry.type()),
                entry.expiresAt(), entry.hash());
    }

    /**
     * Lets {@code decide} choose the entries to append from the customer's consents as they stand, then
     * appends them, updates the consents and announces one snapshot, in one transaction. The ledger's
     * append lock is taken first, so no other consent change can slip in between the reading and the
     * appending: what an expiry or an activity decides on is what it changes.
     *
     * @return the appended entries, none when {@code decide} chose none
     */
    @Transactional
    public List<LedgerEntry> change(String customerId, Function<List<Consent>, List<NewEntry>> decide) {
        ledger.lock();
        List<NewEntry> entries = decide.apply(consents.of(customerId));
        return entries.isEmpty() ? List.of() : apply(customerId, entries);
    }

    private List<LedgerEntry> apply(String customerId, List<NewEntry> newEntries) {
        List<LedgerEntry> appended = ledger.appendAll(newEntries);
        Instant updatedAt = appended.get(appended.size() - 1).recordedAt();
        long version = consents.nextVersion(customerId, updatedAt);
        for (int i = 0; i < appended.size(); i++) {
            LedgerEntry entry = appended.get(i);
            String address = newEntries.get(i).address();
            consents.save(customerId, new Consent(entry.channel(), entry.purpose(), ConsentStatus.after(entry.type()),
                    entry.basis(), address, address == null ? null : addressHmac.of(address), entry.entryId(),
                    entry.expiresAt()));
        }
        events.changed(new CustomerConsents(customerId, version, updatedAt, consents.of(customerId)));
        return appended;
    }

    /** Every ledger entry of the customer, oldest first, with its evidence unless erased. */
    @Transactional(readOnly = true)
    public List<RecordedEntry> history(String customerId) {
        return ledger.history(customerId);
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
