package dev.kairos.platform.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code kairos.security.*}: which bearer tokens a service accepts (ADR 0019).
 *
 * @param issuer     the {@code iss} every token must carry; required outside the {@code local} profile
 * @param audience   this service's name at the issuer, which every token's {@code aud} must contain;
 *                   required outside the {@code local} profile
 * @param tokenTypes the accepted {@code typ} headers; {@code at+jwt} (RFC 9068) when not set
 */
@ConfigurationProperties("kairos.security")
public record ApiTokenProperties(String issuer, String audience, List<String> tokenTypes) {

    /** The access-token type of RFC 9068, which an ID token or any other JWT of the issuer does not carry. */
    public static final String ACCESS_TOKEN_TYPE = "at+jwt";

    public ApiTokenProperties {
        tokenTypes = tokenTypes == null || tokenTypes.isEmpty() ? List.of(ACCESS_TOKEN_TYPE) : List.copyOf(tokenTypes);
    }
}
