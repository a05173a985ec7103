package dev.kairos.compliance.contacts;

import dev.kairos.compliance.addresses.Channel;
import java.util.List;
import java.util.Map;

/** Address HMAC to customers, per channel, as the latest contact-preferences snapshots have it. */
public interface AddressIndex {

    /**
     * Records {@code version} as the customer's latest snapshot, holding the customer's row until the
     * transaction ends.
     *
     * @return false when the index already holds this version or a newer one
     */
    boolean advance(String customerId, long version);

    /** Replaces the customer's addresses by these address HMACs. */
    void replace(String customerId, Map<Channel, String> addressHmacs);

    /** Removes the customer and the version held for them. */
    void remove(String customerId);

    /** Customers with this address on record for the channel, in id order. */
    List<String> customers(String addressHmac, Channel channel);

    /** The customer's address HMACs per channel. */
    Map<Channel, String> addresses(String customerId);
}
