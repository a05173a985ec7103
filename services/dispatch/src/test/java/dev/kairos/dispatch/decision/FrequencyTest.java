package dev.kairos.dispatch.decision;

import static dev.kairos.dispatch.decision.Examples.NONE_SUPPRESSED;
import static dev.kairos.dispatch.decision.Examples.NOW;
import static dev.kairos.dispatch.decision.Examples.activeConsent;
import static dev.kairos.dispatch.decision.Examples.billing;
import static dev.kairos.dispatch.decision.Examples.customer;
import static dev.kairos.dispatch.decision.Examples.promotions;
import static dev.kairos.dispatch.decision.Examples.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Boundaries of the frequency rule: rolling windows, per-topic and overall caps, DROP and DEFER. */
class FrequencyTest {

    private static Decision decide(Request request, TopicInfo topic, Customer customer, List<SentMessage> history) {
        return Decider.decide(request, Optional.of(topic), Optional.of(customer),
                List.of(activeConsent(Channel.EMAIL, "promotions", "h-email")), NONE_SUPPRESSED, history, NOW);
    }

    private static SentMessage promo(Duration ago) {
        return new SentMessage(NOW.minus(ago), "promotions", true);
    }

    @Test
    void aTopicCapDropsTheMessageWhenTheWindowIsFull() {
        Customer c = customer().topicCap("promotions", 2, FrequencyCap.Period.DAY).build();

        assertThat(decide(request().build(), promotions(), c, List.of(promo(Duration.ofHours(1)), promo(Duration.ofHours(5)))))
                .isEqualTo(new Decision.Suppress(List.of(Reason.FREQUENCY_CAP), null));
        assertThat(decide(request().build(), promotions(), c, List.of(promo(Duration.ofHours(1)))))
                .isInstanceOf(Decision.Send.class);
    }

    @Test
    void aSendExactlyOneWindowAgoNoLongerCounts() {
        Customer c = customer().topicCap("promotions", 1, FrequencyCap.Period.WEEK).build();

        assertThat(decide(request().build(), promotions(), c, List.of(promo(Duration.ofDays(7)))))
                .isInstanceOf(Decision.Send.class);
        assertThat(decide(request().build(), promotions(), c, List.of(promo(Duration.ofDays(7).minusMillis(1)))))
                .isInstanceOf(Decision.Suppress.class);
    }

    @Test
    void deferWaitsUntilTheOldestCountedSendLeavesTheWindow() {
        Customer c = customer().topicCap("promotions", 2, FrequencyCap.Period.DAY).build();
        Decision d = decide(request().deferWhenCapped().build(), promotions(), c,
                List.of(promo(Duration.ofHours(1)), promo(Duration.ofHours(5)), promo(Duration.ofHours(30))));

        assertThat(d).isEqualTo(new Decision.Schedule(NOW.minus(Duration.ofHours(5)).plus(Duration.ofDays(1)),
                List.of(Reason.FREQUENCY_CAP), Channel.EMAIL));
    }

    @Test
    void theOverallCapCountsEveryMarketingTopicButNotService() {
        Customer c = customer().overallCap(2, FrequencyCap.Period.MONTH).build();
        List<SentMessage> history = List.of(new SentMessage(NOW.minus(Duration.ofDays(3)), "news", true),
                new SentMessage(NOW.minus(Duration.ofDays(20)), "offers", true),
                new SentMessage(NOW.minus(Duration.ofDays(1)), "billing", false));

        assertThat(decide(request().build(), promotions(), c, history))
                .isEqualTo(new Decision.Suppress(List.of(Reason.FREQUENCY_CAP), null));
        assertThat(decide(request().topic("billing").build(), billing(), c, history)).isInstanceOf(Decision.Send.class);
    }

    @Test
    void anotherTopicsSendsDoNotCountTowardATopicCap() {
        Customer c = customer().topicCap("promotions", 1, FrequencyCap.Period.DAY).build();

        assertThat(decide(request().build(), promotions(), c,
                List.of(new SentMessage(NOW.minus(Duration.ofHours(1)), "news", true))))
                .isInstanceOf(Decision.Send.class);
    }
}
