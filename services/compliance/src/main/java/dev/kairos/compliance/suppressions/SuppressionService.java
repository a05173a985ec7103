package dev.kairos.compliance.suppressions;

import dev.kairos.compliance.addresses.Channel;
import dev.kairos.platform.addresses.AddressHmac;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Adds, lifts and looks up do-not-contact entries; every change is published through the outbox. */
@Service
public class SuppressionService {

    private final Suppressions suppressions;
    private final SuppressionEvents events;
    private final AddressHmac addressHmac;
    private final MeterRegistry meters;

    SuppressionService(Suppressions suppressions, SuppressionEvents events, AddressHmac addressHmac, MeterRegistry meters) {
        this.suppressions = suppressions;
        this.events = events;
        this.addressHmac = addressHmac;
        this.meters = meters;
    }

    /**
     * Suppresses the address (raw, normalised here) on the channel, or on every channel when {@code channel}
     * is null, and returns the entry that stands for it afterwards.
     */
    @Transactional
    public Suppression suppress(String address, Channel channel, SuppressionReason reason, Instant since, String source) {
        return suppressHmac(addressHmac.of(address), channel, reason, since, source);
    }

    /** As {@link #suppress}, for an address known only by its HMAC (an erased customer's). */
    @Transactional
    public Suppression suppressHmac(String hmac, Channel channel, SuppressionReason reason, Instant since,
                                    String source) {
        Suppression incoming = new Suppression(hmac, channel, reason, since, source);
        Optional<Suppression> existing = suppressions.lock(hmac);
        Suppression standing = existing.map(e -> e.merge(incoming)).orElse(incoming);
        if (existing.filter(standing::equals).isEmpty()) {
            suppressions.save(standing);
            events.suppressed(standing);
        }
        Counter.builder("kairos.compliance.suppressions")
                .description("Suppressions received, by reason")
                .tag("reason", reason.name())
                .register(meters)
                .increment();
        return standing;
    }

    /** The entry for the address (raw, normalised here), if it is suppressed. */
    @Transactional(readOnly = true)
    public Optional<Suppression> of(String address) {
        return suppressions.find(addressHmac.of(address));
    }

    /**
     * Which of the addresses (raw, normalised here) an erasure left on the do-not-contact list, in one
     * look-up: for a batch of grants.
     */
    @Transactional(readOnly = true)
    public Set<String> erasedAmong(Collection<String> addresses) {
        Map<String, String> byHmac = new HashMap<>();
        addresses.forEach(address -> byHmac.put(addressHmac.of(address), address));
        Set<String> erased = new HashSet<>();
        suppressions.findAll(byHmac.keySet()).stream()
                .filter(s -> s.reason() == SuppressionReason.ERASURE)
                .forEach(s -> erased.add(byHmac.get(s.addressHmac())));
        return erased;
    }

    /** The entry for an address known by its HMAC, if it is suppressed. */
    @Transactional(readOnly = true)
    public Optional<Suppression> ofHmac(String hmac) {
        return suppressions.find(hmac);
    }

    /**
     * Lifts an erasure suppression of the address, as a fresh opt-in by the person does; an entry for
     * any other reason stays.
     *
     * @return whether an erasure suppression was lifted
     */
    @Transactional
    public boolean liftErasure(String address) {
        String hmac = addressHmac.of(address);
        Optional<Suppression> existing = suppressions.lock(hmac);
        if (existing.filter(s -> s.reason() == SuppressionReason.ERASURE).isEmpty()) {
            return false;
        }
        suppressions.delete(hmac);
        events.lifted(hmac);
        return true;
    }
}
