package dev.kairos.compliance.submissions;

/** What the customer did on the page. */
public enum SubmittedAction {
    GRANT, CONFIRM, WITHDRAW
}
