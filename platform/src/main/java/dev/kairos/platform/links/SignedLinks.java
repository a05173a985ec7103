package dev.kairos.platform.links;

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Signs and verifies the links customers follow from messages: the one place that knows the token
 * format (ADR 0006).
 *
 * <p>Each issuer signs with its own key and may only sign the purposes {@link LinkPurpose} gives it, so
 * dispatch cannot mint a confirmation link nor compliance an unsubscribe link. The verifier (the
 * preferences service) knows every issuer's current and retired keys by id; removing a key id retires
 * every link it signed.
 */
public final class SignedLinks {

    private final String baseUrl;
    private final Map<String, LinkKey> keys = new LinkedHashMap<>();
    private final LinkKey signingKey;
    private final Clock clock;

    /**
     * @param baseUrl       where the pages are served, e.g. {@code https://prefs.example.com}
     * @param keys          every key this service may verify with
     * @param signingKeyId  the key this service signs with, or null for a verifier only
     */
    public SignedLinks(String baseUrl, Collection<LinkKey> keys, String signingKeyId, Clock clock) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl").replaceAll("/+$", "");
        keys.forEach(key -> this.keys.put(key.id(), key));
        this.clock = Objects.requireNonNull(clock, "clock");
        if (signingKeyId == null || signingKeyId.isBlank()) {
            this.signingKey = null;
        } else {
            this.signingKey = this.keys.get(signingKeyId);
            if (signingKey == null) {
                throw new IllegalArgumentException("kairos.links.signing-key " + signingKeyId + " is not among kairos.links.keys");
            }
        }
    }

    /** Signs claims with this service's key; refuses purposes its issuer may not sign. */
    public String sign(LinkClaims claims) {
        if (signingKey == null) {
            throw new IllegalStateException("this service has no link-signing key (kairos.links.signing-key)");
        }
        if (!claims.purpose().issuer().equals(signingKey.issuer())) {
            throw new IllegalArgumentException(signingKey.issuer() + " may not sign " + claims.purpose() + " links");
        }
        return LinkToken.encode(claims, signingKey);
    }

    /** The full page address of signed claims: base URL, {@code /p/}, {@code /u/} or {@code /c/}, token. */
    public String url(LinkClaims claims) {
        return baseUrl + "/" + claims.purpose().path() + "/" + sign(claims);
    }

    public LinkCheck verify(String token) {
        LinkToken.Parsed parsed = token == null ? null : LinkToken.parse(token);
        if (parsed == null) {
            return new LinkCheck.Invalid(LinkFailure.MALFORMED);
        }
        LinkKey key = keys.get(parsed.keyId());
        if (key == null) {
            return new LinkCheck.Invalid(LinkFailure.UNKNOWN_KEY);
        }
        if (!parsed.signedBy(key)) {
            return new LinkCheck.Invalid(LinkFailure.BAD_SIGNATURE);
        }
        LinkClaims claims = parsed.claims();
        if (!claims.purpose().issuer().equals(key.issuer())) {
            return new LinkCheck.Invalid(LinkFailure.FOREIGN_PURPOSE);
        }
        if (!clock.instant().isBefore(claims.expiresAt())) {
            return new LinkCheck.Expired(claims, key.issuer());
        }
        return new LinkCheck.Valid(claims, key.issuer());
    }
}
