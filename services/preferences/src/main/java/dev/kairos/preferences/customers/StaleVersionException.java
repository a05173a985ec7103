package dev.kairos.preferences.customers;

import java.util.OptionalLong;

/** A conditional write named a version that is not the current one: the client works on an old copy. */
public class StaleVersionException extends RuntimeException {

    private final transient OptionalLong current;

    StaleVersionException(String customerId, OptionalLong current) {
        super("The preferences of " + customerId + " are not at the expected version");
        this.current = current;
    }

    /** The version now stored; empty when the customer has no preferences. */
    public OptionalLong current() {
        return current;
    }
}
