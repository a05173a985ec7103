package dev.kairos.dispatch.engine;

import java.time.Duration;

/**
 * Tunables of the decision topology.
 *
 * @param schedulePoll        how often the wall-clock punctuator looks for due schedules
 * @param maxFiredPerRun      at most this many schedules decided again per punctuation and task
 * @param requestIdRetention  how long a request id is remembered (the API promises 30 days)
 * @param requestIdPurgeEvery how often forgotten request ids are purged
 * @param maxSendBytes        the largest rendered send (key and value) forwarded; a larger one is rejected
 */
record EngineSettings(Duration schedulePoll, int maxFiredPerRun, Duration requestIdRetention,
                      Duration requestIdPurgeEvery, int maxSendBytes) {
}
