package dev.kairos.compliance.consents;

import dev.kairos.compliance.ledger.Ledger;
import dev.kairos.compliance.ledger.LedgerEntry;
import dev.kairos.compliance.ledger.NewEntry;
import dev.kairos.compliance.ledger.RecordedEntry;
import dev.kairos.platform.addresses.AddressHmac;
import dev.kairos.platform.web.InvalidRequestException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private final GrantScreen screen;
    private final Purchases purchases;

    ConsentService(Ledger ledger, Consents consents, ConsentEvents events, AddressHmac addressHmac, Clock clock,
                   ConsentRules rules, GrantScreen screen, Purchases purchases) {
        this.ledger = ledger;
        this.consents = consents;
        this.events = events;
        this.addressHmac = addressHmac;
        this.clock = clock;
        this.rules = rules;
        this.screen = screen;
        this.purchases = purchases;
    }

    /**
     * Appends the event to the ledger, updates the customer's consents and announces both, all in one
     * transaction: the ledger entry and the new snapshot are published if and only if they commit. A grant
     * is held to the rules of its jurisdiction: a basis they do not accept is refused, and the consent
     * lapses when they say.
     */
    @Transactional
    public RecordedConsent record(RecordConsent command) {
        return recorded(apply(command.customerId(), List.of(entry(command))).get(0));
    }

    /**
     * Records many events in one transaction, under one acquisition of the ledger's append lock and with
     * batched inserts: what a consumer of many submissions uses to keep up. Each customer named gets one
     * new snapshot, after all of its events. A grant the rules refuse fails the whole batch, recording
     * nothing, so a caller checks its commands first or records them one by one.
     */
    @Transactional
    public List<RecordedConsent> recordAll(List<RecordConsent> commands) {
        if (commands.isEmpty()) {
            return List.of();
        }
        List<NewEntry> entries = commands.stream().map(this::entry).toList();
        screen.admitAll(entries);
        List<LedgerEntry> appended = ledger.appendAll(entries);
        screen.grantedAll(entries);
        // The last entry of a customer's channel and purpose sets its consent; the batch writes each once.
        Map<String, Map<String, Consent>> latest = new LinkedHashMap<>();
        for (int i = 0; i < appended.size(); i++) {
            Consent consent = consent(appended.get(i), entries.get(i).address());
            latest.computeIfAbsent(entries.get(i).customerId(), customer -> new LinkedHashMap<>())
                    .put(consent.channel() + "/" + consent.purpose(), consent);
        }
        Instant updatedAt = appended.get(appended.size() - 1).recordedAt();
        Map<String, Long> versions = consents.nextVersions(latest.keySet(), updatedAt);
        Map<String, List<Consent>> changes = new LinkedHashMap<>();
        latest.forEach((customerId, byKey) -> changes.put(customerId, List.copyOf(byKey.values())));
        consents.saveAll(changes);
        Map<String, List<Consent>> after = consents.of(latest.keySet());
        events.changedAll(latest.keySet().stream()
                .map(customerId -> new CustomerConsents(customerId, versions.get(customerId), updatedAt,
                        after.getOrDefault(customerId, List.of())))
                .toList());
        return appended.stream().map(ConsentService::recorded).toList();
    }

    private NewEntry entry(RecordConsent command) {
        String address = AddressHmac.normalise(command.address());
        String source = command.evidence() != null ? command.evidence().source() : API_SOURCE;
        Instant expiresAt = null;
        if (command.action() == ConsentAction.GRANT) {
            rules.basisProblem(command.channel(), command.jurisdiction(), command.basis()).ifPresent(problem -> {
                throw new InvalidRequestException("basis", problem);
            });
            Instant collectedAt = command.collectedAt() == null ? clock.instant() : command.collectedAt();
            rules.buyerProblem(command.basis(), () -> purchases.madeBy(command.customerId(), collectedAt))
                    .ifPresent(problem -> {
                        throw new InvalidRequestException("basis", problem);
                    });
            expiresAt = rules.expiresAt(command.channel(), command.jurisdiction(), command.basis(), collectedAt);
        }
        return new NewEntry(command.customerId(), command.action().entryType(command.doubleOptIn()),
                command.channel(), command.purpose(), command.basis(), command.jurisdiction(), source,
                command.collectedAt(), expiresAt, address, command.evidence());
    }

    private static RecordedConsent recorded(LedgerEntry entry) {
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
        screen.admitAll(newEntries);
        List<LedgerEntry> appended = ledger.appendAll(newEntries);
        screen.grantedAll(newEntries);
        update(customerId, appended, newEntries);
        return appended;
    }

    /** Sets the consents the customer's appended entries leave and announces the customer's new snapshot. */
    private void update(String customerId, List<LedgerEntry> appended, List<NewEntry> newEntries) {
        Instant updatedAt = appended.get(appended.size() - 1).recordedAt();
        long version = consents.nextVersion(customerId, updatedAt);
        for (int i = 0; i < appended.size(); i++) {
            consents.save(customerId, consent(appended.get(i), newEntries.get(i).address()));
        }
        events.changed(new CustomerConsents(customerId, version, updatedAt, consents.of(customerId)));
    }

    /** The consent an entry leaves for its channel and purpose. */
    private Consent consent(LedgerEntry entry, String address) {
        return new Consent(entry.channel(), entry.purpose(), ConsentStatus.after(entry.type()), entry.basis(), address,
                address == null ? null : addressHmac.of(address), entry.entryId(), entry.expiresAt());
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
