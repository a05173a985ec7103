package dev.kairos.compliance.confirmations;

/** Hands confirmation messages to dispatch, in the transaction that records the request. */
public interface ConfirmationMessages {

    /**
     * @param link the signed {@code /c/} link the customer follows to confirm
     */
    void send(ConfirmationRequest request, String link);
}
