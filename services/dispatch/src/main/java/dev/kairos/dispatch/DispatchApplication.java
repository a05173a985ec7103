package dev.kairos.dispatch;

import dev.kairos.dispatch.instances.InstanceAuthentication;
import dev.kairos.dispatch.instances.InstanceCredential;
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
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;

@SpringBootApplication
@OpenAPIDefinition(info = @Info(title = "Kairos dispatch", version = "v1",
        description = "Send messages through one dispatcher that honours each customer's choices and the law."))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = """
                A JWT from the deployment's issuer, for this service's audience. Scopes:
                | scope | allows |
                |---|---|
                | `messages:send` | `POST /api/v1/messages`, `POST /api/v1/messages/batch`, `PUT /api/v1/templates/{templateId}` |
                | `messages:read` | `GET /api/v1/messages/{requestId}`, `GET /api/v1/templates/{templateId}` |
                | `subjects:export` | `GET /api/v1/customers/{customerId}/data-export` (compliance's data-subject export) |
                | `inbound:email` | `POST /api/v1/inbound/email` (the inbound mail provider: bounces, complaints, mailto unsubscribes) |
                | `inbound:mail` | `POST /api/v1/inbound/mail` (the print house: letters the post returned) |
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
    SecurityFilterChain api(HttpSecurity http, InstanceCredential instances) throws Exception {
        // A read forwarded by another instance is authenticated by the instances' credential only (ADR 0029).
        http.addFilterBefore(new InstanceAuthentication(instances), BearerTokenAuthenticationFilter.class);
        return ApiSecurity.build(http, auth -> auth
                .requestMatchers(HttpMethod.GET, "/api/v1/messages/**")
                .hasAnyAuthority(ApiSecurity.scope("messages:read"), InstanceAuthentication.AUTHORITY)
                .requestMatchers(HttpMethod.GET, "/api/v1/templates/*").hasAuthority(ApiSecurity.scope("messages:read"))
                .requestMatchers(HttpMethod.GET, "/api/v1/customers/*/data-export")
                .hasAnyAuthority(ApiSecurity.scope("subjects:export"), InstanceAuthentication.AUTHORITY)
                .requestMatchers(HttpMethod.POST, "/api/v1/inbound/email").hasAuthority(ApiSecurity.scope("inbound:email"))
                .requestMatchers(HttpMethod.POST, "/api/v1/inbound/mail").hasAuthority(ApiSecurity.scope("inbound:mail"))
                .requestMatchers("/api/v1/messages/**", "/api/v1/templates/**").hasAuthority(ApiSecurity.scope("messages:send")));
    }
}
