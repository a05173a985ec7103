package dev.kairos.preferences;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers the bearer tokens the service's decoder accepted, until they expire. API clients send the same
 * token on every call for its whole lifetime, and checking its RSA signature again each time was about a
 * tenth of the CPU of a preferences read (ADR 0011). A token's text includes its signature, so the same
 * text verifies the same way again as long as the key does (the key is read once, at start). A token is
 * taken from memory only before its expiry, by this service's clock; after that, and for every token not
 * seen yet, the decoder decides as before, and a token it refused is never remembered.
 */
final class VerifiedTokens implements JwtDecoder {

    /** Beyond this many tokens (more than the service has clients), the memory starts over. */
    static final int CAPACITY = 1_024;

    private final JwtDecoder decoder;
    private final Clock clock;
    private final Map<String, Jwt> accepted = new ConcurrentHashMap<>();

    VerifiedTokens(JwtDecoder decoder, Clock clock) {
        this.decoder = decoder;
        this.clock = clock;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt remembered = accepted.get(token);
        Instant now = clock.instant();
        if (remembered != null && now.isBefore(remembered.getExpiresAt())) {
            return remembered;
        }
        Jwt jwt = decoder.decode(token);
        if (jwt.getExpiresAt() != null && now.isBefore(jwt.getExpiresAt())) {
            if (accepted.size() >= CAPACITY) {
                accepted.clear();
            }
            accepted.put(token, jwt);
        } else if (remembered != null) {
            accepted.remove(token);
        }
        return jwt;
    }
}
