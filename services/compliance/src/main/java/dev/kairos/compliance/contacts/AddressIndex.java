package dev.kairos.compliance.contacts;

import dev.kairos.compliance.addresses.Channel;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Address HMAC to customers, per channel, and each customer's jurisdiction and language, as the latest
 * contact-preferences snapshots have them.
 */
public interface AddressIndex {

    /**
     * Records {@code version} as the customer's latest snapshot, holding the customer's row until the
     * transaction ends.
     *
     * @return false when the index already holds this version or a newer one
     */
    boolean advance(String customerId, long version);

    /**
     * Replaces the customer's addresses by these address HMACs, and their jurisdiction ({@code null}: none known)
     * and language.
     */
    void replace(String customerId, Map<Channel, String> addressHmacs, String jurisdiction, String locale);

    /** Removes the customer and the version held for them. */
    void remove(String customerId);

    /** Customers with this address on record for the channel, in id order. */
    List<String> customers(String addressHmac, Channel channel);

    /** The customer's address HMACs per channel. */
    Map<Channel, String> addresses(String customerId);

    /** The customer's jurisdiction, empty when no snapshot arrived yet or it named none. */
    Optional<String> jurisdiction(String customerId);

    /** The customer's language (a BCP 47 tag), empty when no snapshot arrived yet. */
    Optional<String> locale(String customerId);
}
