package dev.kairos.dispatch.instances;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seal of a fallback: made only with the instances' key, for exactly one request, channel list and failure. */
class FallbackSealTest {

    private static final FallbackSeal SEAL = new FallbackSeal("dispatch-instances-key-of-32-bytes".getBytes(StandardCharsets.US_ASCII));
    private static final Instant DECIDED = Instant.parse("2026-12-05T10:15:30.123Z");

    @Test
    void aSealSaysWhichChannelFailedAndWhenItsSendWasDecided() {
        byte[] header = bytes(SEAL.seal("r-1", "c-1", "orders", "EMAIL", DECIDED, List.of("SMS", "MAIL")));

        assertThat(SEAL.verify(header, "r-1", "c-1", "orders", List.of("SMS", "MAIL")))
                .contains(new FallbackSeal.Sealed("EMAIL", DECIDED));
    }

    @Test
    void anythingElseIsNoSeal() {
        byte[] header = bytes(SEAL.seal("r-1", "c-1", "orders", "EMAIL", DECIDED, List.of("SMS")));
        FallbackSeal other = new FallbackSeal("a-campaign-system-guessing-a-key".getBytes(StandardCharsets.US_ASCII));

        assertThat(other.verify(header, "r-1", "c-1", "orders", List.of("SMS"))).as("another key").isEmpty();
        assertThat(SEAL.verify(header, "r-2", "c-1", "orders", List.of("SMS"))).as("another request").isEmpty();
        assertThat(SEAL.verify(header, "r-1", "c-2", "orders", List.of("SMS"))).as("another customer").isEmpty();
        assertThat(SEAL.verify(header, "r-1", "c-1", "promotions", List.of("SMS"))).as("another topic").isEmpty();
        assertThat(SEAL.verify(header, "r-1", "c-1", "orders", List.of("SMS", "EMAIL"))).as("more channels").isEmpty();
        assertThat(SEAL.verify(null, "r-1", "c-1", "orders", List.of("SMS"))).isEmpty();
        for (String forged : List.of("", "v1", "v1.SMS.1.x", "v2.EMAIL.1764929730123.abc", "v1.EMAIL.x.abc",
                "v1.EMAIL.1764929730123", new String(header, StandardCharsets.US_ASCII).replace(".EMAIL.", ".SMS."),
                new String(header, StandardCharsets.US_ASCII).replace("." + DECIDED.toEpochMilli() + ".",
                        "." + (DECIDED.toEpochMilli() + 1) + "."))) {
            assertThat(SEAL.verify(bytes(forged), "r-1", "c-1", "orders", List.of("SMS"))).as(forged).isEmpty();
        }
    }

    @Test
    void fieldsCannotBeShiftedFromOneToTheNext() {
        byte[] header = bytes(SEAL.seal("r-1", "c-1", "orders", "EMAIL", DECIDED, List.of("SMS")));

        assertThat(SEAL.verify(header, "r-1c", "-1", "orders", List.of("SMS"))).isEmpty();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
