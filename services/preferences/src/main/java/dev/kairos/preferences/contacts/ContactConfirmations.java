package dev.kairos.preferences.contacts;

/** Hands the confirmation message of a new contact point to dispatch, in the transaction that holds the change. */
public interface ContactConfirmations {

    /**
     * @param link the signed {@code /a/} link the owner of the new address follows to confirm it
     */
    void send(ContactChange change, String link);
}
