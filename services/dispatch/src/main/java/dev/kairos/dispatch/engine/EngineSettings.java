package dev.kairos.dispatch.engine;

import dev.kairos.dispatch.instances.FallbackSeal;
import java.time.Duration;

/**
 * Tunables of the decision topology.
 *
 * @param schedulePoll        how often the wall-clock punctuator looks for due schedules
 * @param maxFiredPerRun      at most this many schedules decided again per punctuation and task
 * @param requestIdRetention  how long a request id is remembered (the API promises 30 days)
 * @param requestIdPurgeEvery how often forgotten request ids are purged
 * @param maxSendBytes        the largest rendered send (key and value) forwarded; a larger one is rejected
 * @param statusRetention     how long a request's status is kept after its final outcome
 * @param statusPurgeEvery    how often statuses past their retention are purged
 * @param confirmationTopic   the catalogue topic of double opt-in confirmations, the one message an erased address
 *                            may still get ({@link dev.kairos.dispatch.decision.ErasedAddressConfirmation})
 * @param fallbackSeal        checks the seal of a fallback a channel end wrote back (ADR 0048); null: none passes
 */
record EngineSettings(Duration schedulePoll, int maxFiredPerRun, Duration requestIdRetention,
                      Duration requestIdPurgeEvery, int maxSendBytes, Duration statusRetention,
                      Duration statusPurgeEvery, String confirmationTopic, FallbackSeal fallbackSeal) {

    /** The default status retention: 90 days after the final outcome, purged hourly. */
    static final Duration STATUS_RETENTION = Duration.ofDays(90);

    /** The catalogue topic compliance sends double opt-in confirmations on, unless configured otherwise. */
    static final String CONFIRMATION_TOPIC = "consent-confirmation";

    EngineSettings(Duration schedulePoll, int maxFiredPerRun, Duration requestIdRetention,
                   Duration requestIdPurgeEvery, int maxSendBytes, Duration statusRetention,
                   Duration statusPurgeEvery, String confirmationTopic) {
        this(schedulePoll, maxFiredPerRun, requestIdRetention, requestIdPurgeEvery, maxSendBytes, statusRetention,
                statusPurgeEvery, confirmationTopic, null);
    }

    EngineSettings(Duration schedulePoll, int maxFiredPerRun, Duration requestIdRetention, Duration requestIdPurgeEvery,
                   int maxSendBytes) {
        this(schedulePoll, maxFiredPerRun, requestIdRetention, requestIdPurgeEvery, maxSendBytes, STATUS_RETENTION,
                Duration.ofHours(1), CONFIRMATION_TOPIC);
    }
}
