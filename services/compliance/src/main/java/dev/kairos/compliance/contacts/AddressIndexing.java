package dev.kairos.compliance.contacts;

import dev.kairos.compliance.addresses.Channel;
import dev.kairos.platform.addresses.AddressHmac;
import dev.kairos.platform.events.AppliedEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the address index in step with preferences, so that a STOP or a bounce naming only an address
 * reaches every customer who has it. Only HMACs are kept: the index never holds an address in clear.
 */
@Service
public class AddressIndexing {

    static final String CONSUMER = "compliance.address-index";

    private final AddressIndex index;
    private final AppliedEvents applied;
    private final AddressHmac addressHmac;
    private final MeterRegistry meters;

    AddressIndexing(AddressIndex index, AppliedEvents applied, AddressHmac addressHmac, MeterRegistry meters) {
        this.index = index;
        this.applied = applied;
        this.addressHmac = addressHmac;
        this.meters = meters;
    }

    /** Applies a snapshot once, and only when it is newer than the one the index holds. */
    @Transactional
    public void apply(String eventId, ContactSnapshot snapshot) {
        if (!applied.markApplied(CONSUMER, eventId) || !index.advance(snapshot.customerId(), snapshot.version())) {
            count("STALE");
            return;
        }
        Map<Channel, String> hmacs = new EnumMap<>(Channel.class);
        snapshot.addresses().forEach((channel, address) -> hmacs.put(channel, addressHmac.of(address)));
        index.replace(snapshot.customerId(), hmacs, snapshot.jurisdiction(), snapshot.locale());
        count("APPLIED");
    }

    /** The customer was erased from preferences (a tombstone): nothing of them stays in the index. */
    @Transactional
    public void forget(String customerId) {
        index.remove(customerId);
        count("ERASED");
    }

    private void count(String outcome) {
        Counter.builder("kairos.compliance.address-index.snapshots")
                .description("Contact-preferences snapshots read into the address index, by outcome: applied, stale "
                        + "(a redelivery or not newer than the one held), erased (a tombstone)")
                .tag("outcome", outcome)
                .register(meters)
                .increment();
    }

    /** Customers with this address on record for the channel. */
    @Transactional(readOnly = true)
    public List<String> customersAt(String addressHmac, Channel channel) {
        return index.customers(addressHmac, channel);
    }

    /**
     * The customer's jurisdiction as preferences last had it, which the consent rules (expiry, basis) depend
     * on. Empty when the customer's snapshot has not arrived yet (preferences publishes it and the consent
     * submissions on different topics, read independently) or names none: callers then record without one
     * rather than wait, since an opt-out must never be delayed or lost.
     */
    @Transactional(readOnly = true)
    public Optional<String> jurisdictionOf(String customerId) {
        return index.jurisdiction(customerId);
    }

    /** The customer's language as preferences last had it (a BCP 47 tag), empty before their first snapshot. */
    @Transactional(readOnly = true)
    public Optional<String> localeOf(String customerId) {
        return index.locale(customerId);
    }

    /** The customer's address HMACs per channel, as preferences last had them. */
    @Transactional(readOnly = true)
    public Map<Channel, String> addressesOf(String customerId) {
        return index.addresses(customerId);
    }
}
