package dev.kairos.preferences;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    /** Decodes "ok-<seconds to live>" and refuses anything else; records what it was asked. */
    private final List<String> checked = new ArrayList<>();
    private final JwtDecoder decoder = token -> {
        checked.add(token);
        if (!token.startsWith("ok-")) {
            throw new BadJwtException("bad signature");
        }
        return Jwt.withTokenValue(token).header("alg", "RS256").subject("client")
                .issuedAt(NOW.minusSeconds(1)).expiresAt(NOW.plusSeconds(Long.parseLong(token.substring(3)))).build();
    };

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        private Instant now = NOW;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void checksAnAcceptedTokenOnlyOnceWhileItIsValid() {
        VerifiedTokens tokens = new VerifiedTokens(decoder, at(NOW));

        Jwt first = tokens.decode("ok-3600");
        Jwt second = tokens.decode("ok-3600");

        assertThat(second).isSameAs(first);
        assertThat(checked).containsExactly("ok-3600");
    }

    @Test
    void asksTheDecoderAgainOnceTheTokenHasExpired() {
        MovingClock clock = new MovingClock();
        VerifiedTokens tokens = new VerifiedTokens(decoder, clock);
        tokens.decode("ok-60");

        clock.now = NOW.plus(Duration.ofSeconds(59));
        tokens.decode("ok-60");
        clock.now = NOW.plus(Duration.ofSeconds(60));
        tokens.decode("ok-60");

        assertThat(checked).containsExactly("ok-60", "ok-60");
    }

    @Test
    void neverRemembersARefusedToken() {
        VerifiedTokens tokens = new VerifiedTokens(decoder, at(NOW));

        assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);

        assertThat(checked).containsExactly("forged", "forged");
    }

    @Test
    void checksEveryOtherTokenItself() {
        VerifiedTokens tokens = new VerifiedTokens(decoder, at(NOW));

        tokens.decode("ok-3600");
        tokens.decode("ok-3601");

        assertThat(checked).containsExactly("ok-3600", "ok-3601");
    }

    @Test
    void staysWithinItsCapacity() {
        VerifiedTokens tokens = new VerifiedTokens(decoder, at(NOW));
        for (int i = 0; i <= VerifiedTokens.CAPACITY; i++) {
            tokens.decode("ok-" + (3600 + i));
        }
        checked.clear();

        tokens.decode("ok-" + (3600 + VerifiedTokens.CAPACITY));
        tokens.decode("ok-3600");

        assertThat(checked).containsExactly("ok-3600");
    }
}
