package dev.kairos.compliance.ledger;

/**
 * Walks the chain in sequence order and stops at the first entry that does not hold: a sequence out of
 * place (an entry removed or inserted), a link to a hash other than its predecessor's, or a stored hash
 * that is not the hash of the entry's fields.
 */
public final class ChainVerification {

    private ChainHead expected = ChainHead.GENESIS;
    private long checked;
    private Long firstInvalidSequence;

    /** Checks the next entry; returns whether to go on (false once an invalid entry was found). */
    public boolean check(LedgerEntry entry) {
        if (firstInvalidSequence != null) {
            return false;
        }
        checked++;
        boolean holds = entry.sequence() == expected.sequence() + 1
                && entry.previousHash().equals(expected.hash())
                && entry.isIntact();
        if (!holds) {
            firstInvalidSequence = entry.sequence();
            return false;
        }
        expected = new ChainHead(entry.sequence(), entry.hash());
        return true;
    }

    public Verification result() {
        return new Verification(firstInvalidSequence == null, checked, firstInvalidSequence);
    }

    /**
     * @param entriesChecked       the entries read, up to and including the first invalid one
     * @param firstInvalidSequence {@code null} when the whole chain holds
     */
    public record Verification(boolean valid, long entriesChecked, Long firstInvalidSequence) {
    }
}
