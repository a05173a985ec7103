package dev.kairos.compliance.subjects;

/** The data-export endpoints of the other Kairos services. */
public interface OtherServices {

    /**
     * What {@code service} holds on the customer, as the JSON it answered (maps, lists, values), or
     * {@code null} when it knows no such customer.
     *
     * @throws Unavailable when the service did not answer with its data
     */
    Object export(String service, String customerId);

    /** A service did not answer a data-export: the export would be incomplete. */
    final class Unavailable extends RuntimeException {

        private final String service;

        public Unavailable(String service, String reason) {
            super(service + " did not answer the data export: " + reason);
            this.service = service;
        }

        public String service() {
            return service;
        }
    }
}
