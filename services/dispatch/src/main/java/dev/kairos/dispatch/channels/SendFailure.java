package dev.kairos.dispatch.channels;

/** A provider did not take a message. Transient failures are retried; permanent ones are not. */
public class SendFailure extends RuntimeException {

    private final boolean permanent;

    public SendFailure(String reason, boolean permanent, Throwable cause) {
        super(reason, cause);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
