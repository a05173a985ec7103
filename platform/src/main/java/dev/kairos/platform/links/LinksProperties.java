package dev.kairos.platform.links;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    List<LinkKey> linkKeys() {
        return keys.entrySet().stream()
                .map(entry -> LinkKey.ofBase64(entry.getKey(), entry.getValue().getIssuer(), entry.getValue().getSecret()))
                .toList();
    }

    public SignedLinks signedLinks(Clock clock) {
        return new SignedLinks(baseUrl, linkKeys(), signingKey, clock);
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
