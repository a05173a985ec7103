package dev.kairos.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/** The resolver must answer exactly as Spring Security's default one does, for any Authorization header. */
class BearerTokensTest {

    private final BearerTokenResolver ours = new BearerTokens();
    private final BearerTokenResolver spring = new DefaultBearerTokenResolver();

    @Test
    void findsTheTokenOfTheBearerSchemeInAnyCase() {
        assertThat(ours.resolve(request("Bearer eyJ.abc-_~+/.sig=="))).isEqualTo("eyJ.abc-_~+/.sig==");
        assertThat(ours.resolve(request("bEaReR token"))).isEqualTo("token");
        assertThat(ours.resolve(request(null))).isNull();
        assertThat(ours.resolve(request("Basic dXNlcjpwYXNz"))).isNull();
    }

    @Test
    void answersAsSpringSecurityDoesForHeadersNearTheRules() {
        List<String> headers = new ArrayList<>(List.of("Bearer", "Bearer ", "Bearer  token", "Bearer token ",
                "Bearer\ttoken", "Bearertoken", "bearer a", "BEARER a=", "Bearer =", "Bearer a=b", "Bearer a==",
                "Bearer a b", "Bearer é", "Bearer a\n", "Bearers a", "Bear a", "bearer", "Bearer a%2F", ""));
        Random random = new Random(20261129);
        String alphabet = "aZ09-._~+/= \t%éBearer";
        for (int i = 0; i < 5_000; i++) {
            StringBuilder header = new StringBuilder(random.nextBoolean() ? "Bearer " : "bearer");
            for (int length = random.nextInt(12); length > 0; length--) {
                header.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            headers.add(header.toString());
        }
        for (String header : headers) {
            assertThat(outcome(ours, header)).as("Authorization: [%s]", header).isEqualTo(outcome(spring, header));
        }
    }

    private static String outcome(BearerTokenResolver resolver, String header) {
        try {
            return "token " + resolver.resolve(request(header));
        } catch (OAuth2AuthenticationException e) {
            return "refused " + e.getError().getErrorCode() + ": " + e.getError().getDescription();
        }
    }

    private static MockHttpServletRequest request(String authorization) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/topics");
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        return request;
    }
}
