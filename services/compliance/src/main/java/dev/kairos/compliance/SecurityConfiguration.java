package dev.kairos.compliance;

import static dev.kairos.platform.security.ApiSecurity.scope;

import dev.kairos.platform.security.ApiSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Auditors read the ledger, other systems read consents, only writers record them, and data-subject requests
 * (export across services, erasure) need scopes of their own: reading consents is not reading everything.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        // Most specific first: the first matching rule decides.
        return ApiSecurity.build(http, auth -> auth
                .requestMatchers(HttpMethod.GET, "/api/v1/customers/*/data-export").hasAuthority(scope("subjects:export"))
                .requestMatchers(HttpMethod.DELETE, "/api/v1/customers/*").hasAuthority(scope("subjects:erase"))
                .requestMatchers(HttpMethod.GET, "/api/v1/audit/**").hasAuthority(scope("audit:read"))
                .requestMatchers(HttpMethod.GET, "/api/v1/customers/**", "/api/v1/suppressions")
                .hasAuthority(scope("consents:read"))
                .requestMatchers("/api/**").hasAuthority(scope("consents:write")));
    }
}
