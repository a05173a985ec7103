package dev.kairos.dispatch.decision;

/** The do-not-contact list, looked up by address hash. */
@FunctionalInterface
public interface Suppressions {

    /** Whether the address may not be contacted on the channel (an entry without channel covers all). */
    boolean suppressed(String addressHmac, Channel channel);
}
