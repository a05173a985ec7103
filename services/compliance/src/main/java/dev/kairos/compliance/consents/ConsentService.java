package dev.kairos.compliance.consents;

import dev.kairos.compliance.acknowledgements.AcknowledgementService;
import dev.kairos.compliance.ledger.EntryType;
import dev.kairos.compliance.ledger.Ledger;
import dev.kairos.compliance.ledger.LedgerEntry;
import dev.kairos.compliance.ledger.NewEntry;
import dev.kairos.compliance.ledger.RecordedEntry;
import dev.kairos.compliance.rules.ConsentChange;
import dev.kairos.compliance.rules.GrantPolicy;
import dev.kairos.compliance.rules.Verdict;
import dev.kairos.compliance.suppressions.SuppressionService;
import dev.kairos.platform.addresses.AddressHmac;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records consent changes in the ledger and keeps each customer's current consents. Every change, whatever
 * its origin, comes through {@link #apply(String, Function)} and the {@link GrantPolicy}: no other code
 * appends to the ledger (an ArchUnit rule holds it).
 */
@Service
public class ConsentService {

    private final Ledger ledger;
    private final Consents consents;
    private final ConsentEvents events;
    private final AddressHmac addressHmac;
    private final Clock clock;
    private final GrantPolicy policy;
    private final SuppressionService suppressions;
    private final Purchases purchases;
    private final AcknowledgementService acknowledgements;

    ConsentService(Ledger ledger, Consents consents, ConsentEvents events, AddressHmac addressHmac, Clock clock,
                   GrantPolicy policy, SuppressionService suppressions, Purchases purchases,
                   AcknowledgementService acknowledgements) {
        this.ledger = ledger;
        this.consents = consents;
        this.events = events;
        this.addressHmac = addressHmac;
        this.clock = clock;
        this.policy = policy;
        this.suppressions = suppressions;
        this.purchases = purchases;
        this.acknowledgements = acknowledgements;
    }

    /** {@link #apply(String, Function)} for one change decided without reading the consents first. */
    @Transactional
    public Outcome apply(ConsentChange change) {
        return apply(change.customerId(), current -> List.of(change));
    }

    /**
     * The one way a consent changes. Lets {@code decide} choose the changes from the customer's consents as
     * they stand, holds each to the {@link GrantPolicy}, appends those it admits to the ledger, updates the
     * consents and announces one snapshot, all in one transaction: the entries and the snapshot are
     * published if and only if they commit, and so is the acknowledgement the customer gets of a consent
     * they gave or withdrew (see {@link AcknowledgementService}). The ledger's append lock is taken first, so
     * no other consent change can slip in between the reading and the appending. A refused change leaves no trace; the
     * others of the same call are still recorded (an activity's implied grant may be refused while its
     * extensions stand), so a caller with one change answers the refusal to whoever sent it.
     */
    @Transactional
    public Outcome apply(String customerId, Function<List<Consent>, List<ConsentChange>> decide) {
        ledger.lock();
        List<Consent> current = consents.of(customerId);
        List<ConsentChange> changes = decide.apply(current);
        Instant now = clock.instant();
        List<String> addresses = new ArrayList<>(changes.size());
        changes.forEach(change -> addresses.add(address(change, current)));
        Set<String> erased = erasedAmong(changes, addresses);
        GrantPolicy.Facts facts = new GrantPolicy.Facts() {
            @Override
            public boolean purchasedBefore(String customer, Instant at) {
                return purchases.madeBy(customer, at);
            }

            @Override
            public boolean erased(String address) {
                return erased.contains(address);
            }
        };
        List<NewEntry> admitted = new ArrayList<>();
        List<ConsentChange> admittedChanges = new ArrayList<>();
        List<Verdict.Refused> refused = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            ConsentChange change = changes.get(i);
            String address = addresses.get(i);
            Verdict verdict = policy.judge(change, address, facts, now);
            if (verdict instanceof Verdict.Admitted admission) {
                admitted.add(new NewEntry(customerId, change.type(), change.channel(), change.purpose(),
                        change.basis(), change.jurisdiction(), change.source(), change.occurredAt(),
                        admission.expiresAt(), address, change.evidence()));
                admittedChanges.add(change);
            } else {
                refused.add((Verdict.Refused) verdict);
            }
        }
        if (admitted.isEmpty()) {
            return new Outcome(List.of(), refused);
        }
        List<LedgerEntry> appended = ledger.appendAll(admitted);
        // A grant the policy admitted for an erased address is the person's fresh opt-in already confirmed from
        // the address, and a confirmation is the person's own click: either lifts what the erasure left, after
        // the entry that proves it. A pending grant lifts nothing.
        admitted.stream()
                .filter(entry -> entry.type() == EntryType.GRANTED || entry.type() == EntryType.CONFIRMED)
                .map(NewEntry::address)
                .filter(erased::contains)
                .distinct()
                .forEach(suppressions::liftErasure);
        update(customerId, appended, admitted);
        acknowledgements.recorded(customerId, admittedChanges, appended);
        return new Outcome(appended, refused);
    }

    /** The normalised address a change is about: its own, or else the one of the consent it changes. */
    private static String address(ConsentChange change, List<Consent> current) {
        if (change.address() != null) {
            return AddressHmac.normalise(change.address());
        }
        return current.stream()
                .filter(c -> c.channel() == change.channel() && c.purpose().equals(change.purpose()))
                .map(Consent::address)
                .filter(Objects::nonNull)
                .findFirst().orElse(null);
    }

    /** Which of the addresses of grants and confirmations an erasure left on the do-not-contact list, at once. */
    private Set<String> erasedAmong(List<ConsentChange> changes, List<String> addresses) {
        List<String> looked = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            ConsentChange change = changes.get(i);
            if (addresses.get(i) != null && (change.isGrant() || change.type() == EntryType.CONFIRMED)) {
                looked.add(addresses.get(i));
            }
        }
        return looked.isEmpty() ? Set.of() : suppressions.erasedAmong(looked);
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

    /**
     * The customer's consents in force at {@code asOf} by the evidence's own dates (when each consent was
     * collected, withdrawn or lapsed), as far as the ledger had recorded them at {@code knownAt}: a consent
     * collected in 2024 and imported today is in force as of 2025, but was not known then.
     */
    @Transactional(readOnly = true)
    public List<Consent> asOf(String customerId, Instant asOf, Instant knownAt) {
        return ledger.inForce(customerId, asOf, knownAt).stream()
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
