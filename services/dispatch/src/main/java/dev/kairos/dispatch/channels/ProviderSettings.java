package dev.kairos.dispatch.channels;

import java.time.Duration;

/**
 * How one provider is called: at most {@code ratePerSecond} calls a second, up to {@code maxAttempts} tries
 * of a transient failure with exponential backoff (doubling from {@code initialBackoff} to at most
 * {@code maxBackoff}, each wait jittered by half), and a circuit that opens when half of the last calls
 * failed and stays open {@code openFor}.
 */
public record ProviderSettings(int ratePerSecond, int maxAttempts, Duration initialBackoff, Duration maxBackoff,
                               Duration openFor) {

    /** Whatever the configuration leaves out: 100 calls a second, 10 tries from 0.5 s to 10 s apart, open 5 s. */
    public ProviderSettings {
        ratePerSecond = ratePerSecond > 0 ? ratePerSecond : 100;
        maxAttempts = maxAttempts > 0 ? maxAttempts : 10;
        initialBackoff = initialBackoff != null ? initialBackoff : Duration.ofMillis(500);
        maxBackoff = maxBackoff != null ? maxBackoff : Duration.ofSeconds(10);
        openFor = openFor != null ? openFor : Duration.ofSeconds(5);
    }

    public static ProviderSettings defaults() {
        return new ProviderSettings(0, 0, null, null, null);
    }
}
