package dev.kairos.ledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class Ed25519KeysTest {

    @Test
    void thePublicKeyDerivedFromAPrivateKeyVerifiesItsSignatures() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String pkcs8 = "-----BEGIN PRIVATE KEY-----\n" + Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";

        Checkpoint checkpoint = Checkpoint.sign(42, "ab".repeat(32), Instant.parse("2026-03-01T10:00:00.123456Z"),
                Ed25519Keys.privateKey(pkcs8));

        assertThat(Ed25519Keys.publicKeyOf(Ed25519Keys.privateKey(pkcs8)).getEncoded()).isEqualTo(pair.getPublic().getEncoded());
        assertThat(checkpoint.isSignedBy(Ed25519Keys.publicKey(Ed25519Keys.pem(pair.getPublic())))).isTrue();
        assertThat(new Checkpoint(43, checkpoint.headHash(), checkpoint.checkpointedAt(), checkpoint.signature())
                .isSignedBy(pair.getPublic())).as("another sequence").isFalse();
        assertThat(checkpoint.checkpointedAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00.123Z"));
    }
}
