package dev.kairos.compliance.submissions;

/**
 * A submission the consent rules refuse: nothing of it is recorded. Trying again cannot change the answer, so
 * the consumer moves the record to the dead-letter topic at once, with this message (the field and the rule)
 * as the cause, where it is kept for a person to look at.
 */
public class SubmissionRejected extends RuntimeException {

    public SubmissionRejected(String field, String problem) {
        super(field + ": " + problem);
    }
}
