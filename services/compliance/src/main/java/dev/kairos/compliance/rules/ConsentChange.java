package dev.kairos.compliance.rules;

import dev.kairos.compliance.addresses.Channel;
import dev.kairos.compliance.ledger.EntryType;
import dev.kairos.compliance.ledger.Evidence;
import dev.kairos.compliance.ledger.LegalBasis;
import java.time.Instant;

/**
 * One change to one consent of a customer, whatever its origin: what each adapter translates its input into,
 * and what the {@link GrantPolicy} judges before anything reaches the ledger.
 *
 * @param address    as received, or {@code null} to keep the address of the consent it changes
 * @param occurredAt when it happened (for a grant: when consent was collected); {@code null} means when the
 *                   ledger records it
 * @param expiresAt  for a change that is not a grant, the expiry it carries (an extension's new one, an
 *                   expiry's instant); a grant's expiry is the policy's answer, never the caller's
 * @param evidence   the proof; its source names the collection method ({@code null}: a withdrawal through the
 *                   API that brought none)
 */
public record ConsentChange(Origin origin, String customerId, EntryType type, Channel channel, String purpose,
                            LegalBasis basis, String jurisdiction, String address, Instant occurredAt,
                            Instant expiresAt, Evidence evidence) {

    /** The collection method recorded when a change brings no evidence (a withdrawal through the API). */
    public static final String API_SOURCE = "API";

    /** The collection method of an opt-out sent as an SMS keyword (STOP, ARRET…). */
    public static final String SMS_KEYWORD_SOURCE = "SMS_KEYWORD";

    /** Whether the change gives consent, so that the grant policy rules on it. */
    public boolean isGrant() {
        return type == EntryType.GRANTED || type == EntryType.PENDING_CONFIRMATION;
    }

    /** The collection method the ledger records. */
    public String source() {
        return evidence != null ? evidence.source() : API_SOURCE;
    }
}
