package dev.kairos.compliance.ledger.web;

import dev.kairos.compliance.ledger.ChainVerification.Verification;
import dev.kairos.compliance.ledger.Ledger;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class LedgerVerificationController {

    private final Ledger ledger;

    LedgerVerificationController(Ledger ledger) {
        this.ledger = ledger;
    }

    @Operation(summary = "Recompute the ledger's hash chain",
            description = "Walks every entry in sequence order and reports the first whose sequence, link or "
                    + "hash does not hold. Needs the audit:read scope.")
    @GetMapping("/api/v1/audit/ledger/verification")
    VerificationResponse verification() {
        Verification result = ledger.verify();
        return new VerificationResponse(result.valid(), result.entriesChecked(), result.firstInvalidSequence());
    }

    /**
     * @param entriesChecked       the entries read, up to and including the first invalid one
     * @param firstInvalidSequence {@code null} when the chain holds
     */
    record VerificationResponse(boolean valid, long entriesChecked, Long firstInvalidSequence) {
    }
}
