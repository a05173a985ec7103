package dev.kairos.platform.messaging;

/**
 * A record no further attempt can apply (it cannot be decoded, it is a tombstone where none is allowed, the
 * rules refuse it): it goes to the dead-letter topic at once, with this exception as its cause.
 */
public class UnprocessableRecord extends RuntimeException {

    public UnprocessableRecord(String message) {
        super(message);
    }

    public UnprocessableRecord(String message, Throwable cause) {
        super(message, cause);
    }
}
