package dev.kairos.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretRulesTest {

    private static final String STRONG = Base64.getEncoder().encodeToString(
            "0123456789abcdef0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    @Test
    void refusesAMissingKey() {
        assertThatThrownBy(() -> SecretRules.checkBase64("kairos.links.keys.d1.secret", "", false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is not set");
        assertThatThrownBy(() -> SecretRules.checkText("kairos.address-hmac-key", null, true))
                .as("not even locally").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesAKeyShorterThan32Bytes() {
        String short31 = Base64.getEncoder().encodeToString(new byte[31]);
        assertThatThrownBy(() -> SecretRules.checkBase64("kairos.links.keys.d1.secret", short31, false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("31 bytes");
        assertThatThrownBy(() -> SecretRules.checkText("kairos.address-hmac-key", "kairos-test-key", false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("15 bytes");
    }

    @Test
    void refusesThePublishedDevelopmentKeysWithoutSayingThem() {
        String published = "u+/eMmBvMZjv6iSdXhgP4Ekljl/pV8YhLQsCJ7I9gBc=";
        assertThatThrownBy(() -> SecretRules.checkBase64("kairos.links.keys.d1.secret", published, false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("development key")
                .hasMessageNotContaining(published);
        assertThatThrownBy(() -> SecretRules.checkText("kairos.address-hmac-key", "kairos-compose-address-key", false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("development key");
    }

    @Test
    void acceptsAStrongKeyAndUnderTheLocalProfileTheDevelopmentOnes() {
        assertThat(SecretRules.checkBase64("kairos.links.keys.d1.secret", STRONG, false)).hasSize(32);
        assertThat(SecretRules.checkBase64("kairos.links.keys.d1.secret",
                "u+/eMmBvMZjv6iSdXhgP4Ekljl/pV8YhLQsCJ7I9gBc=", true)).hasSize(32);
        assertThat(SecretRules.checkText("kairos.address-hmac-key", "kairos-local-address-key", true))
                .isEqualTo("kairos-local-address-key");
    }
}
