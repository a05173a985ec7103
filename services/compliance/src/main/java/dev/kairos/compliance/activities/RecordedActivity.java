package dev.kairos.compliance.activities;

import dev.kairos.compliance.ledger.LedgerEntry;
import java.util.List;

/** An activity as stored and the ledger entries it caused (none when it moved no consent). */
public record RecordedActivity(long activityId, List<LedgerEntry> entries) {
}
