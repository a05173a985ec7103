package dev.kairos.compliance.expiry;

import dev.kairos.compliance.consents.Consent;
import dev.kairos.compliance.consents.ConsentService;
import dev.kairos.compliance.consents.ConsentStatus;
import dev.kairos.compliance.consents.Consents;
import dev.kairos.compliance.ledger.EntryType;
import dev.kairos.compliance.ledger.Evidence;
import dev.kairos.compliance.ledger.Ledger;
import dev.kairos.compliance.ledger.LedgerEntry;
import dev.kairos.compliance.rules.ConsentChange;
import dev.kairos.compliance.rules.Origin;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Turns a consent's expiry into an event: an {@code EXPIRED} ledger entry whose time of occurrence is the
 * expiry instant, and a new snapshot on {@code compliance.consents.v1}, so that dispatch and any reader of
 * the ledger topic learn it without asking. Safe to run on several instances at once: each change
 * re-reads the consents under the ledger's append lock and expires only what is still active and due.
 */
@Service
public class ExpiryJob {

    static final String SOURCE = "SYSTEM";
    static final String ACTOR = "SYSTEM:expiry";
    private static final int CUSTOMERS_PER_ROUND = 100;

    private final Consents consents;
    private final ConsentService consentService;
    private final Ledger ledger;
    private final Clock clock;
    private final MeterRegistry meters;

    ExpiryJob(Consents consents, ConsentService consentService, Ledger ledger, Clock clock, MeterRegistry meters) {
        this.consents = consents;
        this.consentService = consentService;
        this.ledger = ledger;
        this.clock = clock;
        this.meters = meters;
    }

    @Scheduled(fixedDelayString = "${kairos.compliance.expiry-interval}",
            initialDelayString = "${kairos.compliance.expiry-interval}")
    void onSchedule() {
        expireDue();
    }

    /** Records every expiry that has fallen due by the clock's now; returns how many consents expired. */
    public int expireDue() {
        Instant now = clock.instant();
        int expired = 0;
        List<String> due = consents.customersWithExpiryDue(now, CUSTOMERS_PER_ROUND);
        int round = -1;
        // A round that expires nothing would find the same customers again: stop rather than spin.
        while (!due.isEmpty() && round != 0) {
            round = 0;
            for (String customerId : due) {
                List<LedgerEntry> entries = consentService.apply(customerId, current -> expiries(customerId, current, now))
                        .appended();
                entries.forEach(entry -> Counter.builder("kairos.compliance.consents.expiries")
                        .description("Consents that lapsed, by channel and basis")
                        .tag("channel", entry.channel().name())
                        .tag("basis", entry.basis() == null ? "NONE" : entry.basis().name())
                        .register(meters).increment());
                round += entries.size();
            }
            expired += round;
            due = consents.customersWithExpiryDue(now, CUSTOMERS_PER_ROUND);
        }
        return expired;
    }

    private List<ConsentChange> expiries(String customerId, List<Consent> current, Instant now) {
        List<ConsentChange> entries = new ArrayList<>();
        for (Consent consent : current) {
            if (consent.status() == ConsentStatus.ACTIVE && consent.expiresAt() != null
                    && !consent.expiresAt().isAfter(now)) {
                String jurisdiction = ledger.entry(consent.entryId()).map(LedgerEntry::jurisdiction).orElse(null);
                entries.add(new ConsentChange(Origin.EXPIRY, customerId, EntryType.EXPIRED, consent.channel(),
                        consent.purpose(), consent.basis(), jurisdiction, consent.address(), consent.expiresAt(),
                        consent.expiresAt(), Evidence.bySystem(SOURCE, ACTOR, null)));
            }
        }
        return entries;
    }
}
