package dev.kairos.compliance.confirmations;

import java.time.Instant;
import java.util.Optional;

/** The stored confirmation requests, by nonce. */
public interface ConfirmationRequests {

    void add(ConfirmationRequest request);

    /** The request, locked until the transaction ends. */
    Optional<ConfirmationRequest> lock(String nonce);

    void confirmed(String nonce, Instant at, String entryId);

    /**
     * Removes the personal data of requests sent before {@code sentBefore} and never confirmed: the requests
     * themselves, the address and evidence of their pending ledger entries, the address in the consent state
     * while it still rests on that entry. The ledger entries stay, with their commitments, so the chain holds.
     *
     * @return how many requests were purged
     */
    int purgeUnconfirmed(Instant sentBefore);

    /** The address and evidence of a ledger entry, as kept in the erasable store; empty once erased. */
    Optional<String> addressOfEntry(String entryId);
}
