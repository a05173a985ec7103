package dev.kairos.compliance.suppressions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.compliance.addresses.Channel;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SuppressionTest {

    private static final Instant EARLIER = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant LATER = Instant.parse("2026-11-20T00:00:00Z");

    @Test
    void aLaterReasonOnTheSameChannelReplacesTheEarlierOne() {
        Suppression bounce = new Suppression("h", Channel.EMAIL, SuppressionReason.HARD_BOUNCE, EARLIER, "HARD_BOUNCE");

        Suppression merged = bounce.merge(new Suppression("h", Channel.EMAIL, SuppressionReason.COMPLAINT, LATER, "COMPLAINT"));

        assertThat(merged).isEqualTo(new Suppression("h", Channel.EMAIL, SuppressionReason.COMPLAINT, LATER, "COMPLAINT"));
    }

    @Test
    void entriesForTwoChannelsCoverEveryChannel() {
        Suppression email = new Suppression("h", Channel.EMAIL, SuppressionReason.MANUAL, EARLIER, "API");

        Suppression merged = email.merge(new Suppression("h", Channel.SMS, SuppressionReason.STOP_KEYWORD, LATER, "SMS_KEYWORD"));

        assertThat(merged.channel()).isNull();
        assertThat(merged.covers(Channel.MAIL)).isTrue();
    }

    @Test
    void anErasureStaysWhateverArrivesAfterIt() {
        Suppression erasure = new Suppression("h", null, SuppressionReason.ERASURE, EARLIER, "ERASURE");

        assertThat(erasure.merge(new Suppression("h", Channel.EMAIL, SuppressionReason.HARD_BOUNCE, LATER, "HARD_BOUNCE")))
                .isEqualTo(erasure);
    }

    @Test
    void aChannelEntryCoversOnlyItsChannel() {
        Suppression sms = new Suppression("h", Channel.SMS, SuppressionReason.STOP_KEYWORD, EARLIER, "SMS_KEYWORD");

        assertThat(sms.covers(Channel.SMS)).isTrue();
        assertThat(sms.covers(Channel.EMAIL)).isFalse();
    }
}
