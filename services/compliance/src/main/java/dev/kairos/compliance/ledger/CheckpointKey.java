package dev.kairos.compliance.ledger;

import dev.kairos.ledger.verifier.Checkpoint;
import dev.kairos.ledger.verifier.Ed25519Keys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;

/**
 * The Ed25519 key that signs the chain's checkpoints (ADR 0024). It comes from configuration, never from the
 * database, so that whoever can rewrite the ledger's tables cannot sign a checkpoint for the rewrite. Given
 * as PKCS#8 (PEM or base64 DER), or as {@code file:} and the path of a PEM file. Outside the local profile a
 * service refuses to start without one, or with the development key of {@code application-local.yml}.
 */
public class CheckpointKey {

    static final String PROPERTY = "kairos.compliance.checkpoints.private-key";
    /** The local profile's key, public in this repository: never accepted elsewhere. */
    static final String DEVELOPMENT_KEY = "MC4CAQAwBQYDK2VwBCIEINJFbd0lXdi2OSYOY1secRJvgEETYkB/WF6jkYO2mCyZ";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    CheckpointKey(String configured, boolean local) {
        String key = read(configured);
        if (key.isBlank()) {
            throw new IllegalStateException(PROPERTY + " is not set: give it an Ed25519 private key of your own "
                    + "(openssl genpkey -algorithm ed25519); only the local profile has a development key");
        }
        if (!local && key.replaceAll("\\s", "").contains(DEVELOPMENT_KEY)) {
            throw new IllegalStateException(PROPERTY + " is the development key published in the Kairos repository: "
                    + "anyone could sign checkpoints with it. Give it a key of your own.");
        }
        try {
            privateKey = Ed25519Keys.privateKey(key);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(PROPERTY + " is " + e.getMessage());
        }
        publicKey = Ed25519Keys.publicKeyOf(privateKey);
    }

    private static String read(String configured) {
        if (configured == null) {
            return "";
        }
        if (!configured.startsWith("file:")) {
            return configured;
        }
        try {
            return Files.readString(Path.of(configured.substring("file:".length())));
        } catch (IOException e) {
            throw new UncheckedIOException(PROPERTY + " names a file that cannot be read", e);
        }
    }

    Checkpoint sign(ChainHead head, Instant at) {
        return Checkpoint.sign(head.sequence(), head.hash(), at, privateKey);
    }

    /** What auditors verify checkpoints with. */
    public PublicKey publicKey() {
        return publicKey;
    }
}
