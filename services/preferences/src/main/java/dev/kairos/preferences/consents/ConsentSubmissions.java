package dev.kairos.preferences.consents;

/** Where submissions go; called inside the transaction of the page's action, so none is lost or half-done. */
public interface ConsentSubmissions {

    void submit(ConsentSubmission submission);
}
