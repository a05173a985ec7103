package dev.kairos.compliance.ledger.web;

import dev.kairos.compliance.ledger.CheckpointKey;
import dev.kairos.compliance.ledger.Checkpoints;
import dev.kairos.compliance.ledger.LedgerVerification;
import dev.kairos.ledger.verifier.Checkpoint;
import dev.kairos.ledger.verifier.Ed25519Keys;
import dev.kairos.ledger.verifier.Finding;
import dev.kairos.ledger.verifier.LedgerAudit.Report;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class LedgerVerificationController {

    private final LedgerVerification verification;
    private final Checkpoints checkpoints;
    private final CheckpointKey key;

    LedgerVerificationController(LedgerVerification verification, Checkpoints checkpoints, CheckpointKey key) {
        this.verification = verification;
        this.checkpoints = checkpoints;
        this.key = key;
    }

    @Operation(summary = "Verify the ledger: chain, evidence and address commitments, signed checkpoints",
            description = "Walks every entry in sequence order and reports the first that does not hold, with its "
                    + "kind: EVIDENCE_EDITED, ADDRESS_EDITED, CHAIN_BROKEN, CHECKPOINT_MISMATCH (rewritten and "
                    + "hashed again), TAIL_CUT, CHECKPOINT_SIGNATURE_INVALID. Needs the audit:read scope.")
    @GetMapping("/api/v1/audit/ledger/verification")
    VerificationResponse verification() {
        Report report = verification.verify();
        Finding finding = report.finding();
        return new VerificationResponse(report.valid(), report.entriesChecked(),
                finding == null ? null : finding.sequence(), finding == null ? null : finding.kind().name(),
                finding == null ? null : finding.detail(), report.evidenceChecked(), report.addressesChecked(),
                report.checkpointsChecked());
    }

    @Operation(summary = "The signed checkpoints of the chain head, for the standalone verifier",
            description = "Needs the audit:read scope.")
    @GetMapping("/api/v1/audit/ledger/checkpoints")
    CheckpointsResponse checkpoints() {
        return new CheckpointsResponse(Ed25519Keys.pem(key.publicKey()), checkpoints.all());
    }

    /**
     * @param entriesChecked       the entries read, up to and including the first invalid one
     * @param firstInvalidSequence {@code null} when everything holds
     * @param kind                 what did not hold there, {@code null} when everything holds
     */
    record VerificationResponse(boolean valid, long entriesChecked, Long firstInvalidSequence, String kind,
                                String detail, long evidenceChecked, long addressesChecked, int checkpointsChecked) {
    }

    /** @param publicKey the checkpoint key, PEM; an auditor should hold it from another source as well */
    record CheckpointsResponse(String publicKey, List<Checkpoint> checkpoints) {
    }
}
