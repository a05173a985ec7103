package dev.kairos.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.kairos.platform.local.LocalIssuer;
import dev.kairos.platform.testing.TestTokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** The tokens a service accepts: signed by the key, and of its issuer, for its audience, typed, expiring. */
class TokenRulesTest {

    private static final ApiTokenProperties PRODUCTION =
            new ApiTokenProperties(LocalIssuer.ISSUER, TestTokens.AUDIENCE, null);

    private final NimbusJwtDecoder decoder = decoder(TokenRules.validator(PRODUCTION, false));

    @Test
    void acceptsAnAccessTokenOfTheIssuerForThisAudience() {
        assertThat(decoder.decode(TestTokens.bearer("preferences:read")).getSubject()).isEqualTo("test");
    }

    @Test
    void refusesATokenForAnotherAudienceOrWithoutOne() {
        assertRefused(claims().audience("kairos-dispatch").build(), "aud");
        assertRefused(claims().build(), "aud");
    }

    @Test
    void refusesATokenWithoutExpiry() {
        assertRefused(claims().audience(TestTokens.AUDIENCE).expirationTime(null).build(), "exp");
    }

    @Test
    void refusesATokenOfAnotherIssuer() {
        assertRefused(claims().audience(TestTokens.AUDIENCE).issuer("https://elsewhere.example").build(), "iss");
    }

    @Test
    void refusesAJwtThatIsNotTypedAsAnAccessToken() {
        JWTClaimsSet claims = claims().audience(TestTokens.AUDIENCE).build();
        assertThatThrownBy(() -> decoder.decode(TestTokens.signed(JOSEObjectType.JWT, claims)))
                .isInstanceOf(JwtValidationException.class).hasMessageContaining("typ");
        assertThatThrownBy(() -> decoder.decode(TestTokens.signed(null, claims)))
                .isInstanceOf(JwtValidationException.class).hasMessageContaining("typ");
    }

    @Test
    void outsideTheLocalProfileIssuerAndAudienceAreRequired() {
        assertThatThrownBy(() -> TokenRules.validator(new ApiTokenProperties(LocalIssuer.ISSUER, "", null), false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("kairos.security.audience");
        assertThatThrownBy(() -> TokenRules.validator(new ApiTokenProperties(null, TestTokens.AUDIENCE, null), false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("kairos.security.issuer");
        NimbusJwtDecoder local = decoder(TokenRules.validator(new ApiTokenProperties(null, null, null), true));
        assertThat(local.decode(TestTokens.bearer("audit:read")).getSubject()).isEqualTo("test");
    }

    private void assertRefused(JWTClaimsSet claims, String claim) {
        assertThatThrownBy(() -> decoder.decode(TestTokens.signed(LocalIssuer.ACCESS_TOKEN, claims)))
                .isInstanceOf(JwtException.class).hasMessageContaining(claim);
    }

    private static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(LocalIssuer.ISSUER).subject("test").claim("scope", "audit:read")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)));
    }

    private static NimbusJwtDecoder decoder(OAuth2TokenValidator<Jwt> validator) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(publicKey()).build();
        decoder.setJwtValidator(validator);
        return decoder;
    }

    private static RSAPublicKey publicKey() {
        try (InputStream in = URI.create(TestTokens.publicKeyLocation()).toURL().openStream()) {
            return RsaKeyConverters.x509().convert(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
