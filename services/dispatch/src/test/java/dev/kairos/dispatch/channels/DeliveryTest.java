package dev.kairos.dispatch.channels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.dispatch.decision.Channel;
import dev.kairos.dispatch.decision.Reason;
import dev.kairos.dispatch.decision.SuppressionReason;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeliveryTest {

    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
    private static final ProviderSettings QUICK = new ProviderSettings(1000, 4, Duration.ofMillis(1),
            Duration.ofMillis(5), Duration.ofMillis(50));
    /** Quick retries, and a circuit that stays open for the whole test once open. */
    private static final ProviderSettings STAYS_OPEN = new ProviderSettings(1000, 4, Duration.ofMillis(1),
            Duration.ofMillis(5), Duration.ofMinutes(1));

    private final List<String> events = new ArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private State state = new State(false, null);

    @Test
    void retriesATransientFailureAndMarksTheSendBeforeTheFirstCall() {
        Delivery delivery = delivery(new FlakySender(2, false));

        Delivery.Result result = delivery.deliver(message(null));

        assertThat(result).isEqualTo(new Delivery.Sent("id-r-1", "fake", true));
        assertThat(events).containsExactly("mark r-1", "call", "call", "call");
        assertThat(meters.counter("kairos.dispatch.send.retries", "channel", "EMAIL", "provider", "fake").count())
                .isEqualTo(2);
    }

    @Test
    void failsWhenRetriesRunOut() {
        Delivery delivery = delivery(new FlakySender(100, false));

        Delivery.Result result = delivery.deliver(message(null));

        assertThat(result).isInstanceOf(Delivery.Failed.class);
        assertThat(((Delivery.Failed) result).permanent()).isFalse();
        assertThat(events.stream().filter("call"::equals)).hasSize(4);
    }

    @Test
    void doesNotRetryAPermanentFailure() {
        Delivery delivery = delivery(new FlakySender(100, true));

        Delivery.Result result = delivery.deliver(message(null));

        assertThat(result).isEqualTo(new Delivery.Failed("refused", true));
        assertThat(events).containsExactly("mark r-1", "call");
    }

    @Test
    void aWithdrawalSinceTheDecisionStopsTheSendBeforeAnyMarkOrCall() {
        state = new State(false, new CurrentState.ConsentNow(true, false, null));

        assertThat(delivery(new FlakySender(0, false)).deliver(message(null)))
                .isEqualTo(new Delivery.Stopped(Reason.CONSENT_WITHDRAWN));
        assertThat(events).isEmpty();
    }

    @Test
    void aSuppressionOrAnExpiryStopsTheSend() {
        assertThat(delivery(new FlakySender(0, false)).deliver(message(NOW)))
                .isEqualTo(new Delivery.Stopped(Reason.EXPIRED));
        state = new State(true, null);
        assertThat(delivery(new FlakySender(0, false)).deliver(message(null)))
                .isEqualTo(new Delivery.Stopped(Reason.SUPPRESSED));
        assertThat(events).isEmpty();
    }

    @Test
    void anErasedAddressGetsTheConfirmationOnlyWhileItsGrantAwaitsIt() {
        Outgoing confirmation = new Outgoing("consent-confirmation:entry-p", "c-1", "consent-confirmation", false,
                Channel.EMAIL, "a@example.fr", null, "fr-FR", "s", "t", null, null, "FR", null, "entry-p",
                NOW.minusSeconds(60), null);

        state = new State(SuppressionReason.ERASURE, null, "entry-p");
        assertThat(delivery(new FlakySender(0, false)).deliver(confirmation)).isInstanceOf(Delivery.Sent.class);
        state = new State(SuppressionReason.ERASURE, null, null);
        assertThat(delivery(new FlakySender(0, false)).deliver(confirmation))
                .isEqualTo(new Delivery.Stopped(Reason.SUPPRESSED));
        state = new State(SuppressionReason.HARD_BOUNCE, null, "entry-p");
        assertThat(delivery(new FlakySender(0, false)).deliver(confirmation))
                .isEqualTo(new Delivery.Stopped(Reason.SUPPRESSED));
    }

    @Test
    void aPermanentFailureOfThePrimaryGoesToTheFailoverOnce() {
        Delivery delivery = withFailover(new FlakySender("primary", 100, true), new FlakySender("failover", 0, false));

        assertThat(delivery.deliver(message(null))).isEqualTo(new Delivery.Sent("id-r-1", "failover", true));
        assertThat(events).containsExactly("mark r-1", "call primary", "call failover");
        assertThat(meters.counter("kairos.dispatch.send.failovers", "channel", "EMAIL", "provider", "failover").count())
                .isEqualTo(1);
    }

    @Test
    void whileThePrimarysCircuitIsOpenSendsGoToTheFailoverWithoutWaiting() {
        Delivery delivery = withFailover(new FlakySender("primary", 100, false), new FlakySender("failover", 0, false));

        // The primary's transient failures open its circuit; this send then goes to the failover.
        assertThat(delivery.deliver(message(null))).isEqualTo(new Delivery.Sent("id-r-1", "failover", true));
        events.clear();
        assertThat(delivery.deliver(message(null))).isEqualTo(new Delivery.Sent("id-r-1", "failover", true));
        assertThat(events).as("no call to the primary while its circuit is open")
                .containsExactly("mark r-1", "call failover");
        assertThat(meters.get("kairos.dispatch.provider.circuit.state").tag("provider", "primary").gauge().value())
                .isEqualTo(1);
    }

    @Test
    void whenTheFailoverFailsTooTheSendFailsWithItsReason() {
        Delivery delivery = withFailover(new FlakySender("primary", 100, true), new FlakySender("failover", 100, true));

        assertThat(delivery.deliver(message(null))).isEqualTo(new Delivery.Failed("refused by failover", true));
    }

    private Delivery withFailover(ChannelSender primary, ChannelSender failover) {
        return new Delivery(List.of(new Delivery.Provider(primary, STAYS_OPEN),
                new Delivery.Provider(failover, QUICK)),
                state, m -> events.add("mark " + m.requestId()), Clock.fixed(NOW, ZoneOffset.UTC), meters);
    }

    private Delivery delivery(ChannelSender sender) {
        return new Delivery(sender, QUICK, state, m -> events.add("mark " + m.requestId()),
                Clock.fixed(NOW, ZoneOffset.UTC), meters);
    }

    private static Outgoing message(Instant expiresAt) {
        return new Outgoing("r-1", "c-1", "promotions", true, Channel.EMAIL, "a@example.fr", null, "fr-FR", "s", "t",
                null, "https://x/u/1", "FR", null, null, NOW.minusSeconds(60), expiresAt);
    }

    private record State(SuppressionReason suppression, ConsentNow consent, String pendingGrant)
            implements CurrentState {

        State(boolean suppressed, ConsentNow consent) {
            this(suppressed ? SuppressionReason.MANUAL : null, consent, null);
        }

        @Override
        public Optional<SuppressionReason> suppression(String address, Channel channel) {
            return Optional.ofNullable(suppression);
        }

        @Override
        public boolean awaitsConfirmation(String customerId, String entryId, Channel channel, String address) {
            return entryId.equals(pendingGrant);
        }

        @Override
        public Optional<ConsentNow> consent(String customerId, String topic, Channel channel) {
            return Optional.ofNullable(consent);
        }
    }

    /** Fails the first {@code failures} calls, transiently or permanently. */
    private final class FlakySender implements ChannelSender {

        private final String name;
        private int failures;
        private final boolean permanent;

        FlakySender(int failures, boolean permanent) {
            this("fake", failures, permanent);
        }

        FlakySender(String name, int failures, boolean permanent) {
            this.name = name;
            this.failures = failures;
            this.permanent = permanent;
        }

        @Override
        public Channel channel() {
            return Channel.EMAIL;
        }

        @Override
        public String provider() {
            return name;
        }

        @Override
        public String send(Outgoing message) {
            events.add(name.equals("fake") ? "call" : "call " + name);
            if (failures-- > 0) {
                throw new SendFailure(name.equals("fake") ? "refused" : "refused by " + name, permanent, null);
            }
            return "id-" + message.requestId();
        }
    }
}
