package dev.kairos.compliance.subjects;

import java.time.Instant;
import java.util.Set;

/** Announces an erasure so that the other services delete what they hold, in the erasure's transaction. */
public interface ErasureEvents {

    void erased(String customerId, Instant erasedAt, Set<String> addressHmacs);
}
