package dev.kairos.ledger.verifier;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * A signed statement of the chain's head: at {@code checkpointedAt} the entry of sequence {@code sequence}
 * had the hash {@code headHash}. The signature is Ed25519 over {@link #signedBytes()}, in base64.
 */
public record Checkpoint(long sequence, String headHash, Instant checkpointedAt, String signature) {

    /** The name and version of the signed encoding. */
    public static final String ENCODING = "kairos.consent-ledger.checkpoint.v1";

    /** The head at {@code at} (cut to milliseconds, the precision of the signed bytes), signed with the key. */
    public static Checkpoint sign(long sequence, String headHash, Instant at, PrivateKey key) {
        Instant time = at.truncatedTo(ChronoUnit.MILLIS);
        try {
            Signature signer = Signature.getInstance(Ed25519Keys.ALGORITHM);
            signer.initSign(key);
            signer.update(signedBytes(sequence, headHash, time));
            return new Checkpoint(sequence, headHash, time, Base64.getEncoder().encodeToString(signer.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign a checkpoint with an Ed25519 key", e);
        }
    }

    /** The canonical encoding of the checkpoint's name, sequence, head hash and time. */
    public byte[] signedBytes() {
        return signedBytes(sequence, headHash, checkpointedAt);
    }

    private static byte[] signedBytes(long sequence, String headHash, Instant at) {
        return CanonicalEncoding.named(ENCODING).field(sequence).field(headHash).field(at).bytes();
    }

    /** Whether the signature is the key's over these fields. */
    public boolean isSignedBy(PublicKey key) {
        try {
            Signature verifier = Signature.getInstance(Ed25519Keys.ALGORITHM);
            verifier.initVerify(key);
            verifier.update(signedBytes());
            return verifier.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }
}
