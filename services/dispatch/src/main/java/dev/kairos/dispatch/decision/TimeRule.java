package dev.kairos.dispatch.decision;

import java.time.Instant;

/**
 * One constraint on when a message may go out. Each rule answers a single question, so the moment rule
 * can combine any number of them: from this instant, when is the earliest one I allow?
 */
interface TimeRule {

    /** The earliest instant at or after {@code t} this rule allows, or null when it allows none. */
    Instant nextAllowed(Instant t);

    /** The reason given when this rule moves a message later. */
    Reason reason();
}
