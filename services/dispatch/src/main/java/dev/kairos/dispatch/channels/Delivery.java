package dev.kairos.dispatch.channels;

import dev.kairos.dispatch.decision.Channel;
import dev.kairos.dispatch.decision.Reason;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Optional;

/**
 * One channel's sends: re-check right before the call, mark, call the provider through its guard, and say
 * what to record. The caller records the result in the same Kafka transaction that consumes the message,
 * so after a crash only a marked send whose result was not yet recorded is handed to the provider again.
 */
public final class Delivery {

    /** What became of one message at its channel end. */
    public sealed interface Result {
    }

    /** Handed to the provider; {@code recorded} false: a later step (a print batch) records the send. */
    public record Sent(String providerMessageId, boolean recorded) implements Result {
    }

    /** Something changed since the decision that forbids the send now; no provider call was made. */
    public record Stopped(Reason reason) implements Result {
    }

    /** The provider did not take it: permanently, or transiently until retries ran out. */
    public record Failed(String reason, boolean permanent) implements Result {
    }

    private final ChannelSender sender;
    private final ProviderGuard guard;
    private final CurrentState state;
    private final SendMarks marks;
    private final Clock clock;
    private final MeterRegistry meters;

    public Delivery(ChannelSender sender, ProviderSettings settings, CurrentState state, SendMarks marks, Clock clock,
                    MeterRegistry meters) {
        this.sender = sender;
        this.guard = new ProviderGuard(sender, settings, meters);
        this.state = state;
        this.marks = marks;
        this.clock = clock;
        this.meters = meters;
    }

    public Channel channel() {
        return sender.channel();
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
        try {
            String providerId = guard.call(() -> sender.send(message));
            meters.counter("kairos.dispatch.sends", "channel", channel().name(), "provider", sender.provider())
                    .increment();
            return new Sent(providerId, sender.sentOnHandOver());
        } catch (SendFailure e) {
            meters.counter("kairos.dispatch.send.failures", "channel", channel().name(), "provider", sender.provider(),
                    "permanent", Boolean.toString(e.permanent())).increment();
            return new Failed(e.getMessage(), e.permanent());
        }
    }
}
