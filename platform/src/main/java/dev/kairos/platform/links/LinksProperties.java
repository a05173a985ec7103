package dev.kairos.platform.links;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.kairos.platform.security.SecretRules;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code kairos.links.*}: where the customer pages live, the keys this service knows, and the one it
 * signs with.
 *
 * <pre>
 * kairos.links:
 *   base-url: https://prefs.example.com
 *   signing-key: d1              # issuers only
 *   keys:
 *     d1: {issuer: dispatch, secret: base64}
 * </pre>
 */
@ConfigurationProperties("kairos.links")
public class LinksProperties {

    private String baseUrl = "http://localhost:8081";
    private String signingKey;
    private Map<String, Key> keys = new LinkedHashMap<>();

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String getSigningKey() {
        return signingKey;
    }

    public void setSigningKey(String signingKey) {
        this.signingKey = signingKey;
    }

    public Map<String, Key> getKeys() {
        return keys;
    }

    public void setKeys(Map<String, Key> keys) {
        this.keys = keys;
    }

    List<LinkKey> linkKeys(boolean local) {
        return keys.entrySet().stream()
                .map(entry -> new LinkKey(entry.getKey(), entry.getValue().getIssuer(), SecretRules.checkBase64(
                        "kairos.links.keys." + entry.getKey() + ".secret", entry.getValue().getSecret(), local)))
                .toList();
    }

    /**
     * @param local whether the local profile is on: only then may a key be short or a published development key
     * @throws IllegalStateException when a key breaks {@link SecretRules}
     */
    public SignedLinks signedLinks(Clock clock, boolean local) {
        return new SignedLinks(baseUrl, linkKeys(local), signingKey, clock);
    }

    public static class Key {
        private String issuer;
        private String secret;

        public String getIssuer() {
            return issuer;
        }

        public void setIssuer(String issuer) {
            this.issuer = issuer;
        }

        public String getSecret() {
            return secret;
        }

        public void setSecret(String secret) {
            this.secret = secret;
        }

        @Override
        public String toString() {
            return "Key[" + issuer + "]";
        }
    }
}
