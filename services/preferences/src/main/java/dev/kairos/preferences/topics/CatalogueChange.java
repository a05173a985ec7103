package dev.kairos.preferences.topics;

import java.time.Instant;

/**
 * One change of the catalogue, for audit.
 *
 * @param changedBy the API client that made it (its token's subject), never a person's data
 * @param before    the entry before the change; null when the change created it
 */
public record CatalogueChange(String topicId, String changedBy, Instant changedAt, Topic before, Topic after) {
}
