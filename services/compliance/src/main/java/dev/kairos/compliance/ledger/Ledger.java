package dev.kairos.compliance.ledger;

import dev.kairos.compliance.ledger.LedgerEntries.AddressedEntry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Appends consent events to the hash chain, verifies it and reads it back. */
@Service
public class Ledger {

    private static final int SALT_BYTES = 32;

    /**
     * Collection methods named as such on the entries metric; any other source a caller sends counts as
     * OTHER, so that callers cannot grow the number of time series.
     */
    private static final Set<String> METERED_SOURCES = Set.of("WEB_FORM", "SMS_KEYWORD", "AGENT", "API", "EMAIL",
            "MAILTO", "PAPER", "IMPORT", "CONFIRMATION", "CHANNEL_SIGNAL", "ACTIVITY", "SYSTEM");

    private final LedgerEntries entries;
    private final LedgerEvents events;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Checkpoints checkpoints;
    private final Evidence.RecordContext recordContext;
    private final SecureRandom random = new SecureRandom();

    Ledger(LedgerEntries entries, LedgerEvents events, Checkpoints checkpoints, Clock clock, MeterRegistry meters,
           @Value("${kairos.compliance.controller}") String controller,
           @Value("${kairos.compliance.controller-contact}") String controllerContact,
           @Value("${kairos.compliance.privacy-policy.url:}") String privacyPolicyUrl,
           @Value("${kairos.compliance.privacy-policy.version:}") String privacyPolicyVersion) {
        this.entries = entries;
        this.events = events;
        this.checkpoints = checkpoints;
        this.clock = clock;
        this.meters = meters;
        this.recordContext = new Evidence.RecordContext(controller, blankToNull(controllerContact),
                blankToNull(privacyPolicyUrl), blankToNull(privacyPolicyVersion));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /**
     * Takes the append lock for the rest of the caller's transaction, for a change that must read the
     * consents before it decides what to append.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lock() {
        entries.lockHead();
    }

    /**
     * Appends the entries in order, in the caller's transaction, under one acquisition of the append lock
     * and in one batch of inserts. The append lock is held until that transaction ends, so entries are
     * chained, committed and published in one order; the consent path appends before it changes anything
     * else, so every consent change takes the locks in the same order.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<LedgerEntry> appendAll(List<NewEntry> newEntries) {
        ChainHead head = entries.lockHead();
        ChainHead before = head;
        Instant now = clock.instant();
        List<ChainHead.Appended> appended = new ArrayList<>(newEntries.size());
        for (NewEntry entry : newEntries) {
            byte[] salt = new byte[SALT_BYTES];
            random.nextBytes(salt);
            ChainHead.Appended next = head.append(stamped(entry), UUID.randomUUID(), salt, now);
            appended.add(next);
            head = new ChainHead(next.entry().sequence(), next.entry().hash());
        }
        entries.addAll(appended);
        List<LedgerEntry> sealed = appended.stream().map(ChainHead.Appended::entry).toList();
        events.appended(sealed);
        checkpoints.appended(before, head, now);
        sealed.forEach(entry -> entriesCounter(entry).increment());
        return sealed;
    }

    /**
     * Every entry's evidence names the controller the consent was given to, its contact, the privacy policy
     * and the record's schema version (ISO/IEC 27560).
     */
    private NewEntry stamped(NewEntry entry) {
        Evidence evidence = entry.evidence() == null
                ? Evidence.bySystem(entry.source(), null, null).recordedFor(recordContext)
                : entry.evidence().recordedFor(recordContext);
        return new NewEntry(entry.customerId(), entry.type(), entry.channel(), entry.purpose(), entry.basis(),
                entry.jurisdiction(), entry.source(), entry.occurredAt(), entry.expiresAt(), entry.address(), evidence);
    }

    @Transactional(readOnly = true)
    public List<AddressedEntry> inForce(String customerId, Instant asOf, Instant knownAt) {
        return entries.inForce(customerId, asOf, knownAt);
    }

    /** The entry with that id, if there is one. */
    @Transactional(readOnly = true)
    public Optional<LedgerEntry> entry(UUID entryId) {
        return entries.entry(entryId);
    }

    /** Every entry of the customer, oldest first, with its personal data unless erased. */
    @Transactional(readOnly = true)
    public List<RecordedEntry> history(String customerId) {
        return entries.history(customerId);
    }

    /**
     * Hands every entry recorded in {@code [from, to)} to {@code visitor}, in sequence order, until it
     * returns false. Rows are fetched a page at a time from a cursor of this read-only transaction, so the
     * visitor sees the ledger as of one snapshot and memory does not grow with the range.
     */
    @Transactional(readOnly = true)
    public void export(Instant from, Instant to, Predicate<RecordedEntry> visitor) {
        entries.forEachRecorded(from, to, visitor);
    }

    private Counter entriesCounter(LedgerEntry entry) {
        return Counter.builder("kairos.compliance.ledger.entries")
                .description("Consent ledger entries appended, by entry type and collection method")
                .tag("type", entry.type().name())
                .tag("source", METERED_SOURCES.contains(entry.source()) ? entry.source() : "OTHER")
                .register(meters);
    }
}
