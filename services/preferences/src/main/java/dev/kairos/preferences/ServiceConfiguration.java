package dev.kairos.preferences;

import dev.kairos.platform.security.ApiSecurity;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

@Configuration(proxyBeanMethods = false)
class ServiceConfiguration {

    private static final String BEARER = "bearer";

    /** The scope table of the README, for the API description. */
    static final String SCOPES = """
            A JWT from the deployment's issuer, for this service's audience. Scopes:
            | scope | allows |
            |---|---|
            | `preferences:read` | `GET` customers' preferences and the topic catalogue |
            | `preferences:write` | `PUT` customers' preferences |
            | `catalogue:write` | `PUT /api/v1/topics/{topicId}`; category and purpose never change once created |
            | `subjects:export` | `GET /api/v1/customers/{customerId}/data-export` (compliance's data-subject export) |
            """;

    /** Timestamps of changes come from here, so tests and replays can fix the time. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Wraps the bearer-token decoder Spring Boot configures, so a token's signature is checked once (ADR 0011). */
    @Bean
    static BeanPostProcessor verifiedTokens(ObjectProvider<Clock> clock) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof JwtDecoder decoder && !(bean instanceof VerifiedTokens)
                        ? new VerifiedTokens(decoder, clock.getObject()) : bean;
            }
        };
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http) throws Exception {
        // Most specific first: the first matching rule decides.
        return ApiSecurity.build(http, auth -> auth
                .requestMatchers(HttpMethod.GET, "/api/v1/customers/*/data-export")
                .hasAuthority(ApiSecurity.scope("subjects:export"))
                .requestMatchers(HttpMethod.GET, "/api/v1/topics/**", "/api/v1/customers/**")
                .hasAuthority(ApiSecurity.scope("preferences:read"))
                .requestMatchers("/api/v1/topics/**").hasAuthority(ApiSecurity.scope("catalogue:write"))
                .requestMatchers("/api/v1/customers/*/preferences").hasAuthority(ApiSecurity.scope("preferences:write")));
    }

    /**
     * No observation per security filter, authentication and authorization: with an observation registry
     * present (actuator), Spring Security wraps each of its filters in a timed observation, which cost more
     * CPU than the preferences read itself (ADR 0011). http.server.requests still times every request, with
     * its status, so refused tokens remain visible.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    OpenAPI openApi() {
        return new OpenAPI()
                .info(new Info().title("Kairos preferences").version("v1")
                        .description("Customers' contact preferences and the topic catalogue."))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description(SCOPES)))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
