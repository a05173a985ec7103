package dev.kairos.compliance.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Outside the local profile, compliance starts only with a checkpoint key of its own. */
class CheckpointKeyTest {

    private static final String OWN_KEY = "MC4CAQAwBQYDK2VwBCIEIKiOEUtRD++b03wDyp6qxETJTUqlu6vRt6Yba1+00mWd";

    @Test
    void noKeyRefusesToStart() {
        assertThatThrownBy(() -> new CheckpointKey("", false)).hasMessageContaining(CheckpointKey.PROPERTY + " is not set");
        assertThatThrownBy(() -> new CheckpointKey("", true)).hasMessageContaining("is not set");
    }

    @Test
    void theDevelopmentKeyIsRefusedOutsideTheLocalProfile() {
        assertThatThrownBy(() -> new CheckpointKey(CheckpointKey.DEVELOPMENT_KEY, false))
                .hasMessageContaining("development key");
        assertThat(new CheckpointKey(CheckpointKey.DEVELOPMENT_KEY, true).publicKey()).isNotNull();
    }

    @Test
    void somethingElseThanAnEd25519KeyIsRefused() {
        assertThatThrownBy(() -> new CheckpointKey("c2VjcmV0", false)).hasMessageContaining("not an Ed25519 private key");
    }

    @Test
    void aKeyOfItsOwnSignsCheckpointsItsPublicKeyVerifies() {
        CheckpointKey key = new CheckpointKey(OWN_KEY, false);

        assertThat(key.sign(new ChainHead(7, "ab".repeat(32)), java.time.Instant.parse("2026-03-01T10:00:00Z"))
                .isSignedBy(key.publicKey())).isTrue();
    }
}
