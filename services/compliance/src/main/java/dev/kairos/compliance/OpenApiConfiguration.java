package dev.kairos.compliance;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description at /v3/api-docs and the Swagger UI at /swagger-ui.html. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final String BEARER = "bearer";

    /** The scope table of the README, for the API description. */
    private static final String SCOPES = """
            A JWT from the deployment's issuer, for this service's audience. Scopes:
            | scope | allows |
            |---|---|
            | `consents:write` | record consents, activities and suppressions |
            | `consents:read` | consent state and history, suppressions of an address |
            | `subjects:export` | `GET /api/v1/customers/{customerId}/data-export`: everything every service holds on the customer |
            | `subjects:erase` | `DELETE /api/v1/customers/{customerId}`: erasure |
            | `audit:read` | ledger verification, ledger export, record of processing (read only) |
            """;

    @Bean
    OpenAPI complianceApi() {
        return new OpenAPI()
                .info(new Info().title("Kairos compliance").version("v1")
                        .description("The consent ledger and consent state. Every /api call needs a bearer JWT with "
                                + "the scope named in its description."))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT").description(SCOPES)))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
