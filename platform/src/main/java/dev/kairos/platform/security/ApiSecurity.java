package dev.kairos.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The security every service shares: {@code /api/**} needs a bearer JWT with the scope a service's rules
 * name; health, metrics and the API description are open; customer pages carry their own signed tokens.
 */
public final class ApiSecurity {

    private ApiSecurity() {
    }

    public static SecurityFilterChain build(HttpSecurity http,
            Customizer<AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry> apiRules)
            throws Exception {
        http.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Bearer tokens, not cookies, authenticate the API; customer forms carry signed tokens.
                .csrf(csrf -> csrf.disable())
                .authorizeHttpRequests(auth -> {
                    auth.requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/prometheus",
                            "/actuator/info", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error").permitAll();
                    apiRules.customize(auth);
                    auth.requestMatchers("/api/**").denyAll();
                    auth.anyRequest().permitAll();
                })
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(ApiSecurity::unauthorized)
                        .accessDeniedHandler(ApiSecurity::forbidden))
                .oauth2ResourceServer(oauth -> oauth.bearerTokenResolver(new BearerTokens())
                        .jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(ApiSecurity::unauthorized)
                        .accessDeniedHandler(ApiSecurity::forbidden));
        return http.build();
    }

    private static final BearerTokenAuthenticationEntryPoint BEARER_CHALLENGE = new BearerTokenAuthenticationEntryPoint();
    private static final BearerTokenAccessDeniedHandler BEARER_DENIAL = new BearerTokenAccessDeniedHandler();

    /** 401 with the RFC 6750 challenge header and an RFC 9457 body. */
    private static void unauthorized(HttpServletRequest request, HttpServletResponse response,
                                     AuthenticationException e) throws IOException {
        BEARER_CHALLENGE.commence(request, response, e);
        problem(response, "Unauthorized", "A valid bearer token is required.");
    }

    /** 403 with the RFC 6750 challenge header and an RFC 9457 body. */
    private static void forbidden(HttpServletRequest request, HttpServletResponse response,
                                  AccessDeniedException e) throws IOException {
        BEARER_DENIAL.handle(request, response, e);
        problem(response, "Forbidden", "The token does not carry the scope this call needs.");
    }

    private static void problem(HttpServletResponse response, String title, String detail) throws IOException {
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":"
                + response.getStatus() + ",\"detail\":\"" + detail + "\"}");
    }

    /** The authority Spring derives from a scope in the token's {@code scope} claim. */
    public static String scope(String scope) {
        return "SCOPE_" + scope;
    }
}
