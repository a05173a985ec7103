package dev.kairos.platform.security;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;

/**
 * What a bearer token must hold besides a valid signature (ADR 0019): an {@code exp} (a token without one
 * would be valid for ever), a time window that includes now, the deployment's issuer, this service's
 * audience (a token minted for another service, or another system of the same issuer, is not accepted
 * here) and an access-token {@code typ} (an ID token of the same issuer is not an access token).
 */
public final class TokenRules {

    private TokenRules() {
    }

    /**
     * @param local whether the {@code local} profile is on: only then may issuer and audience be missing,
     *              and a token is then not checked against them
     * @throws IllegalStateException when issuer or audience is missing outside the local profile
     */
    public static OAuth2TokenValidator<Jwt> validator(ApiTokenProperties properties, boolean local) {
        if (!local && (blank(properties.issuer()) || blank(properties.audience()))) {
            throw new IllegalStateException("kairos.security.issuer (KAIROS_JWT_ISSUER) and kairos.security.audience "
                    + "(KAIROS_JWT_AUDIENCE) must be set: without them this service would accept tokens of any "
                    + "issuer minted for any service. Only the local profile may leave them out.");
        }
        List<OAuth2TokenValidator<Jwt>> rules = new ArrayList<>();
        rules.add(new JwtTypeValidator(properties.tokenTypes()));
        rules.add(new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull));
        rules.add(new JwtTimestampValidator());
        if (!blank(properties.issuer())) {
            rules.add(new JwtIssuerValidator(properties.issuer()));
        }
        if (!blank(properties.audience())) {
            rules.add(new JwtAudienceValidator(properties.audience()));
        }
        return new DelegatingOAuth2TokenValidator<>(rules);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
