package dev.kairos.dispatch.channels;

import dev.kairos.dispatch.decision.Channel;
import dev.kairos.dispatch.decision.Reason;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One channel's sends: re-check right before the call, mark, call the provider through its guard, and say
 * what to record. The caller records the result in the same Kafka transaction that consumes the message,
 * so after a crash only a marked send whose result was not yet recorded is handed to the provider again.
 *
 * <p>A channel may have a failover provider after its primary: a send goes to it when the primary's circuit is
 * open (the primary then is not waited for) or when the primary failed for this send, permanently or once its
 * retries ran out. The last provider of the list waits for its open circuit, as a channel with one provider does.
 */
public final class Delivery {

    /** What became of one message at its channel end. */
    public sealed interface Result {
    }

    /**
     * Handed to {@code provider}; {@code recorded} false: a later step (a print batch) records the send.
     */
    public record Sent(String providerMessageId, String provider, boolean recorded) implements Result {
    }

    /** Something changed since the decision that forbids the send now; no provider call was made. */
    public record Stopped(Reason reason) implements Result {
    }

    /** The provider did not take it: permanently, or transiently until retries ran out. */
    public record Failed(String reason, boolean permanent) implements Result {
    }

    /** A provider of the channel and how it is called. */
    public record Provider(ChannelSender sender, ProviderSettings settings) {
    }

    /** A provider with its protections. */
    private record Guarded(ChannelSender sender, ProviderGuard guard) {
    }

    private final List<Guarded> providers;
    private final CurrentState state;
    private final SendMarks marks;
    private final Clock clock;
    private final MeterRegistry meters;

    public Delivery(ChannelSender sender, ProviderSettings settings, CurrentState state, SendMarks marks, Clock clock,
                    MeterRegistry meters) {
        this(List.of(new Provider(sender, settings)), state, marks, clock, meters);
    }

    /** {@code providers}: one channel's primary, then its failover if it has one. */
    public Delivery(List<Provider> providers, CurrentState state, SendMarks marks, Clock clock, MeterRegistry meters) {
        if (providers.isEmpty() || providers.stream().map(p -> p.sender().channel()).distinct().count() != 1) {
            throw new IllegalArgumentException("a delivery needs providers of one channel");
        }
        this.providers = new ArrayList<>();
        for (int i = 0; i < providers.size(); i++) {
            boolean last = i == providers.size() - 1;
            Provider p = providers.get(i);
            this.providers.add(new Guarded(p.sender(), new ProviderGuard(p.sender(), p.settings(), last, meters)));
        }
        this.state = state;
        this.marks = marks;
        this.clock = clock;
        this.meters = meters;
    }

    public Channel channel() {
        return providers.get(0).sender().channel();
    }

    public Result deliver(Outgoing message) {
        Optional<Reason> blocking = Recheck.blocking(message, state, clock.instant());
        if (blocking.isPresent()) {
            meters.counter("kairos.dispatch.sends.stopped", "channel", channel().name(),
                    "reason", blocking.get().name()).increment();
            return new Stopped(blocking.get());
        }
        return handOver(message);
    }

    /**
     * Hands a message to the provider without the re-check, marked and guarded like any send: for a reply the
     * law requires whatever the consents and suppressions now say, such as the one confirmation of an SMS
     * opt-out (FCC 24-24, 47 CFR § 64.1200(a)), which goes to a number that has just been withdrawn.
     */
    public Result deliverRequired(Outgoing message) {
        return handOver(message);
    }

    private Result handOver(Outgoing message) {
        marks.mark(message);
        SendFailure failure = null;
        for (int i = 0; i < providers.size(); i++) {
            Guarded provider = providers.get(i);
            if (failure != null) {
                meters.counter("kairos.dispatch.send.failovers", "channel", channel().name(),
                        "provider", provider.sender().provider()).increment();
            }
            try {
                String providerId = provider.guard().call(() -> provider.sender().send(message));
                meters.counter("kairos.dispatch.sends", "channel", channel().name(),
                        "provider", provider.sender().provider()).increment();
                return new Sent(providerId, provider.sender().provider(), provider.sender().sentOnHandOver());
            } catch (SendFailure e) {
                meters.counter("kairos.dispatch.send.failures", "channel", channel().name(),
                        "provider", provider.sender().provider(), "permanent", Boolean.toString(e.permanent()))
                        .increment();
                failure = e;
            }
        }
        return new Failed(failure.getMessage(), failure.permanent());
    }
}
