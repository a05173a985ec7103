package dev.kairos.compliance;

import static dev.kairos.platform.security.ApiSecurity.scope;

import dev.kairos.platform.security.ApiSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** Auditors read the ledger, other systems read consents, and only writers record them. */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        return ApiSecurity.build(http, auth -> auth
                .requestMatchers(HttpMethod.GET, "/api/v1/audit/**").hasAuthority(scope("audit:read"))
                .requestMatchers(HttpMethod.GET, "/api/v1/customers/**", "/api/v1/suppressions")
                .hasAuthority(scope("consents:read"))
                .requestMatchers("/api/**").hasAuthority(scope("consents:write")));
    }
}
