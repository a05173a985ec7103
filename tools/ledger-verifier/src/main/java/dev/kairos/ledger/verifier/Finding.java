package dev.kairos.ledger.verifier;

/** What does not hold, and where: the sequence of the entry (or of the checkpoint) concerned. */
public record Finding(Kind kind, long sequence, String detail) {

    public enum Kind {
        /** The stored evidence is not what the entry committed to. */
        EVIDENCE_EDITED,
        /** The stored address is not what the entry committed to. */
        ADDRESS_EDITED,
        /** A sequence out of place, a link to another hash than the predecessor's, or a hash that is not the entry's. */
        CHAIN_BROKEN,
        /** The chain holds, but not the head a signed checkpoint recorded: it was rewritten and hashed again. */
        CHECKPOINT_MISMATCH,
        /** A signed checkpoint names a sequence the ledger no longer reaches: its last entries were deleted. */
        TAIL_CUT,
        /** A checkpoint whose signature is not the checkpoint key's. */
        CHECKPOINT_SIGNATURE_INVALID
    }
}
