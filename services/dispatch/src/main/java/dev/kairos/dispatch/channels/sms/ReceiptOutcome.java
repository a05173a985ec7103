package dev.kairos.dispatch.channels.sms;

import java.util.Optional;

/**
 * What a delivery receipt's state means for the message. DELIVRD: delivered. UNDELIV and REJECTD: failed for
 * good; EXPIRED (the handset stayed out of reach), DELETED, UNKNOWN and SKIPPED: failed, though the same text
 * might get through later. ENROUTE, ACCEPTD and SCHEDULED are not final: no outcome yet.
 */
public record ReceiptOutcome(boolean delivered, String reason, boolean permanent) {

    public static Optional<ReceiptOutcome> of(String state, String error) {
        String detail = "SMSC receipt " + state + (error == null ? "" : " (err " + error + ")");
        return switch (state) {
            case "DELIVRD" -> Optional.of(new ReceiptOutcome(true, detail, false));
            case "UNDELIV", "REJECTD" -> Optional.of(new ReceiptOutcome(false, detail, true));
            case "EXPIRED", "DELETED", "UNKNOWN", "SKIPPED" -> Optional.of(new ReceiptOutcome(false, detail, false));
            default -> Optional.empty();
        };
    }
}
