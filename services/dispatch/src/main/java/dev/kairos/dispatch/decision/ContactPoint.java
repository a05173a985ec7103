package dev.kairos.dispatch.decision;

/** An address on the customer's record, with the keyed hash that consents and suppressions name it by. */
public record ContactPoint(String address, String hmac) {
}
