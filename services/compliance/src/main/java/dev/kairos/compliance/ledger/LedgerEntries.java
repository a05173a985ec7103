package dev.kairos.compliance.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/** The stored ledger. Entries are only ever added. */
public interface LedgerEntries {

    /**
     * Takes the ledger's append lock for the rest of the transaction and returns the head of the chain
     * as committed by the previous holder.
     */
    ChainHead lockHead();

    /** Adds sealed entries, in sequence order, with their personal data. */
    void addAll(List<ChainHead.Appended> appended);

    /** Hands every entry to {@code visitor} in sequence order until it returns false. */
    void forEachInOrder(Predicate<LedgerEntry> visitor);

    /**
     * The last entry recorded at or before {@code asOf} for each channel and purpose of the customer,
     * with its address unless erased.
     */
    /**
     * For each channel and purpose of the customer, the last recorded of the entries recorded at or before
     * {@code knownAt} that took effect ({@code occurredAt}) at or before {@code asOf}.
     */
    List<AddressedEntry> inForce(String customerId, Instant asOf, Instant knownAt);

    Optional<LedgerEntry> entry(UUID entryId);

    /** Every entry of the customer in sequence order, with its personal data unless erased. */
    List<RecordedEntry> history(String customerId);

    /** Hands every entry recorded in {@code [from, to)} to {@code visitor} in sequence order until it returns false. */
    void forEachRecorded(Instant from, Instant to, Predicate<RecordedEntry> visitor);

    /** Hands every entry, with its personal data unless erased, to {@code visitor} in sequence order until it returns false. */
    void forEachRecordedInOrder(Predicate<RecordedEntry> visitor);

    /** An entry and the address it was made for ({@code null} once erased or when there was none). */
    record AddressedEntry(LedgerEntry entry, String address) {
    }
}
