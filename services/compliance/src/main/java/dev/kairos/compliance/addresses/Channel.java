package dev.kairos.compliance.addresses;

/** A way of reaching a customer; each has its own kind of address. */
public enum Channel {
    EMAIL, SMS, MAIL
}
