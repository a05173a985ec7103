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
        return ApiSecurity.build(http, auth -> auth
                .requestMatchers(HttpMethod.GET, "/api/v1/topics/**", "/api/v1/customers/**")
                .hasAuthority(ApiSecurity.scope("preferences:read"))
                .requestMatchers("/api/**").hasAuthority(ApiSecurity.scope("preferences:write")));
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
                        .description("Customers' contact preferences and the topic catalogue. Scopes: "
                                + "preferences:read for GET, preferences:write for changes."))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
