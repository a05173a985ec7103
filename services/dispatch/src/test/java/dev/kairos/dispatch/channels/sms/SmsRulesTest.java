package dev.kairos.dispatch.channels.sms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.platform.sms.SmsKeywords;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The SMS channel end's small rules: the language of a keyword reply, receipts as outcomes, the rebind backoff. */
class SmsRulesTest {

    private static final KeywordReplies REPLIES = new KeywordReplies(
            new KeywordReplies.Texts("désinscrit", "unsubscribed"), new KeywordReplies.Texts("aide", "help"));

    @ParameterizedTest
    @CsvSource({"STOP,+33612345678,désinscrit", "STOP,+262692000000,désinscrit", "STOP,+15550100000,unsubscribed",
            "ARRÊT,+15550100000,désinscrit", "Opt-Out,+4915100000000,unsubscribed", "HELP,+33612345678,aide",
            "aide,+15550100000,aide", "HELP,+15550100000,help"})
    void aReplyIsFrenchForAFrenchKeywordOrAFrenchNumber(String text, String number, String reply) {
        assertThat(REPLIES.reply(SmsKeywords.of(text).orElseThrow(), number)).isEqualTo(reply);
    }

    @ParameterizedTest
    @CsvSource({"DELIVRD,true,false", "UNDELIV,false,true", "REJECTD,false,true", "EXPIRED,false,false",
            "DELETED,false,false", "UNKNOWN,false,false"})
    void aFinalReceiptIsAnOutcome(String state, boolean delivered, boolean permanent) {
        ReceiptOutcome outcome = ReceiptOutcome.of(state, "001").orElseThrow();

        assertThat(outcome.delivered()).isEqualTo(delivered);
        assertThat(outcome.permanent()).isEqualTo(permanent);
        assertThat(outcome.reason()).isEqualTo("SMSC receipt " + state + " (err 001)");
    }

    @Test
    void aReceiptOnTheWayIsNoOutcomeYet() {
        assertThat(ReceiptOutcome.of("ENROUTE", null)).isEmpty();
        assertThat(ReceiptOutcome.of("ACCEPTD", null)).isEmpty();
    }

    @Test
    void rebindingWaitsDoubleUpToTheMaximumWithAtMostHalfTakenOff() {
        Duration min = Duration.ofSeconds(1);
        Duration max = Duration.ofSeconds(60);

        assertThat(SmppLink.backoff(0, min, max, 0.999)).isBetween(Duration.ofMillis(999), min);
        assertThat(SmppLink.backoff(0, min, max, 0.0)).isEqualTo(Duration.ofMillis(500));
        assertThat(SmppLink.backoff(3, min, max, 0.999)).isBetween(Duration.ofMillis(7990), Duration.ofSeconds(8));
        assertThat(SmppLink.backoff(10, min, max, 0.999)).isBetween(Duration.ofMillis(59900), max);
        assertThat(SmppLink.backoff(100, min, max, 0.0)).isEqualTo(Duration.ofSeconds(30));
    }
}
