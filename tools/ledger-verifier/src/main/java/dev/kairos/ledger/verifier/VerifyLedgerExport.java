package dev.kairos.ledger.verifier;

import dev.kairos.ledger.verifier.LedgerAudit.Report;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;

/**
 * The standalone verifier: checks an export of the consent ledger against the signed checkpoints and the
 * checkpoint key, with nothing of Kairos running.
 *
 * <pre>java -jar kairos-ledger-verifier-standalone.jar EXPORT.json CHECKPOINTS.json PUBLIC-KEY.pem</pre>
 *
 * Exit status 0 when everything holds, 1 when something does not (the first finding is printed), 2 when the
 * files cannot be read.
 */
public final class VerifyLedgerExport {

    public static final int VALID = 0;
    public static final int INVALID = 1;
    public static final int UNUSABLE = 2;

    private VerifyLedgerExport() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the verifier; returns its exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 3) {
            err.println("usage: java -jar kairos-ledger-verifier-standalone.jar EXPORT.json CHECKPOINTS.json PUBLIC-KEY.pem");
            return UNUSABLE;
        }
        try {
            PublicKey key = Ed25519Keys.publicKey(Files.readString(Path.of(args[2])));
            List<Checkpoint> checkpoints = ExportFile.checkpoints(Path.of(args[1]));
            Report report = verify(Path.of(args[0]), checkpoints, key);
            if (report.valid()) {
                out.printf("VALID: %d entries, %d evidence and %d address commitments recomputed, %d checkpoints matched%n",
                        report.entriesChecked(), report.evidenceChecked(), report.addressesChecked(),
                        report.checkpointsChecked());
                return VALID;
            }
            out.printf("INVALID at sequence %d: %s (%s)%n", report.finding().sequence(), report.finding().kind(),
                    report.finding().detail());
            return INVALID;
        } catch (IOException | RuntimeException e) {
            err.println("cannot verify: " + e);
            return UNUSABLE;
        }
    }

    /**
     * Reads the export twice: first for its range (checkpoints made after its end do not apply), then for the
     * entries, so that the file is streamed and never held in memory.
     */
    static Report verify(Path export, List<Checkpoint> checkpoints, PublicKey key) throws IOException {
        Instant to = ExportFile.forEachEntry(export, entry -> false);
        LedgerAudit audit = new LedgerAudit(checkpoints, key, to);
        ExportFile.forEachEntry(export, audit::check);
        return audit.finish();
    }
}
