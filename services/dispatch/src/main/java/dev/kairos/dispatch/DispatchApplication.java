package dev.kairos.dispatch;

import dev.kairos.platform.security.ApiSecurity;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

@SpringBootApplication
@OpenAPIDefinition(info = @Info(title = "Kairos dispatch", version = "v1",
        description = "Send messages through one dispatcher that honours each customer's choices and the law."))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = """
                A JWT from the deployment's issuer, for this service's audience. Scopes:
                | scope | allows |
                |---|---|
                | `messages:send` | `POST /api/v1/messages` |
                | `messages:read` | `GET /api/v1/messages/{requestId}` |
                | `subjects:export` | `GET /api/v1/customers/{customerId}/data-export` (compliance's data-subject export) |
                """)
public class DispatchApplication {

    public static void main(String[] args) {
        SpringApplication.run(DispatchApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        return ApiSecurity.build(http, auth -> auth
                .requestMatchers(HttpMethod.GET, "/api/v1/messages/**").hasAuthority(ApiSecurity.scope("messages:read"))
                .requestMatchers(HttpMethod.GET, "/api/v1/customers/*/data-export").hasAuthority(ApiSecurity.scope("subjects:export"))
                .requestMatchers("/api/v1/messages/**", "/api/v1/templates/**").hasAuthority(ApiSecurity.scope("messages:send")));
    }
}
