package dev.kairos.preferences.customers;

/** No preferences are stored for the customer. */
public class UnknownCustomerException extends RuntimeException {

    UnknownCustomerException(String customerId) {
        super("No preferences are stored for customer " + customerId);
    }
}
