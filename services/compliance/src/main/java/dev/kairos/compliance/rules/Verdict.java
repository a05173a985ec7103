package dev.kairos.compliance.rules;

import java.time.Instant;

/** What the {@link GrantPolicy} answers for a consent change. */
public sealed interface Verdict {

    /** The change may be recorded; a consent it gives lapses at {@code expiresAt} ({@code null}: no rule bounds it). */
    record Admitted(Instant expiresAt) implements Verdict {
    }

    /** The change may not be recorded: {@code field} names what the rule rests on, {@code reason} the rule. */
    record Refused(String field, String reason) implements Verdict {
    }
}
