package dev.kairos.platform.testing;

import java.io.InputStream;
import java.net.URI;
import java.security.interfaces.RSAPublicKey;

import dev.kairos.platform.local.LocalIssuer;
import dev.kairos.platform.security.ApiTokenProperties;
import dev.kairos.platform.security.TokenRules;
import org.junit.jupiter.api.Test;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

import static org.assertj.core.api.Assertions.assertThat;

class TestTokensTest {

    @Test
    void springAcceptsTheTokenWithThePublicKeyLocation() throws Exception {
        String location = TestTokens.publicKeyLocation();
        assertThat(location).startsWith("file:");

        // What the resource server does with spring.security.oauth2.resourceserver.jwt.public-key-location.
        RSAPublicKey key;
        try (InputStream in = URI.create(location).toURL().openStream()) {
            key = RsaKeyConverters.x509().convert(in);
        }
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(key).build();
        // What the platform adds: the rules of ADR 0019, with the issuer and audience test services have.
        decoder.setJwtValidator(TokenRules.validator(new ApiTokenProperties(LocalIssuer.ISSUER, TestTokens.AUDIENCE, null), false));
        Jwt jwt = decoder.decode(TestTokens.bearer("messages:send", "audit:read"));

        assertThat(jwt.getSubject()).isEqualTo("test");
        assertThat(jwt.getClaimAsString("iss")).isEqualTo("kairos-local");
        assertThat(new JwtGrantedAuthoritiesConverter().convert(jwt))
                .extracting(Object::toString)
                .containsExactlyInAnyOrder("SCOPE_messages:send", "SCOPE_audit:read");
    }
}
