package dev.kairos.compliance.subjects;

import java.time.Instant;

/** An activity the company reported for the customer (purchase, inquiry, click, visit, open). */
public record ActivityRecord(String type, Instant occurredAt, Instant recordedAt) {
}
