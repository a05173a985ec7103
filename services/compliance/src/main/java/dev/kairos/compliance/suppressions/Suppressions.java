package dev.kairos.compliance.suppressions;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The stored suppressions, one per address HMAC. */
public interface Suppressions {

    /** The entry for the address, locking it until the transaction ends. */
    Optional<Suppression> lock(String addressHmac);

    Optional<Suppression> find(String addressHmac);

    /** The entries of those of the addresses that have one, in no particular order. */
    List<Suppression> findAll(Collection<String> addressHmacs);

    void save(Suppression suppression);

    void delete(String addressHmac);
}
