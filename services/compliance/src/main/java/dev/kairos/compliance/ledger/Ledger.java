package dev.kairos.compliance.ledger;

import dev.kairos.compliance.ledger.ChainVerification.Verification;
import dev.kairos.compliance.ledger.LedgerEntries.AddressedEntry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Appends consent events to the hash chain and verifies it. */
@Service
public class Ledger {

    private static final int SALT_BYTES = 32;

    private final LedgerEntries entries;
    private final LedgerEvents events;
    private final Clock clock;
    private final MeterRegistry meters;
    private final SecureRandom random = new SecureRandom();

    Ledger(LedgerEntries entries, LedgerEvents events, Clock clock, MeterRegistry meters) {
        this.entries = entries;
        this.events = events;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * Appends the entry in the caller's transaction. The append lock is held until that transaction
     * ends, so entries are chained, committed and published in one order; callers append before they
     * change anything else, so every consent change takes the locks in the same order.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public LedgerEntry append(NewEntry entry) {
        ChainHead head = entries.lockHead();
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        ChainHead.Appended appended = head.append(entry, UUID.randomUUID(), salt, clock.instant());
        entries.add(appended.entry(), appended.personalData());
        events.appended(appended.entry());
        counter(entry.type()).increment();
        return appended.entry();
    }

    @Transactional(readOnly = true)
    public Verification verify() {
        ChainVerification verification = new ChainVerification();
        entries.forEachInOrder(verification::check);
        return verification.result();
    }

    @Transactional(readOnly = true)
    public List<AddressedEntry> latestPerChannelAndPurpose(String customerId, Instant asOf) {
        return entries.latestPerChannelAndPurpose(customerId, asOf);
    }

    private Counter counter(EntryType type) {
        return Counter.builder("kairos.compliance.ledger.entries")
                .description("Consent ledger entries appended, by entry type")
                .tag("type", type.name())
                .register(meters);
    }
}
