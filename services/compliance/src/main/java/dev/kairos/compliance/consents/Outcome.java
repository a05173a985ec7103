package dev.kairos.compliance.consents;

import dev.kairos.compliance.ledger.LedgerEntry;
import dev.kairos.compliance.rules.Verdict;
import java.util.List;
import java.util.Optional;

/**
 * What {@link ConsentService#apply} did with a customer's changes: the ledger entries of those the grant
 * policy admitted, in order, and the refusals of the others, which left no trace.
 */
public record Outcome(List<LedgerEntry> appended, List<Verdict.Refused> refusals) {

    /** The first refusal, for a caller that sent one change and must answer why it was not recorded. */
    public Optional<Verdict.Refused> refusal() {
        return refusals.stream().findFirst();
    }

    /** The first appended entry as its caller reports it; only when something was appended. */
    public RecordedConsent recorded() {
        LedgerEntry entry = appended.get(0);
        return new RecordedConsent(entry.entryId(), entry.sequence(), ConsentStatus.after(entry.type()),
                entry.expiresAt(), entry.hash());
    }
}
