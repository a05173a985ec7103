package dev.kairos.compliance.rules;

/** Something a customer did, as the company's systems report it. */
public enum ActivityType {
    PURCHASE, INQUIRY, CLICK, VISIT,
    /** Recorded, but never the prospect's own action: opening a message proves nothing about intent. */
    OPEN
}
