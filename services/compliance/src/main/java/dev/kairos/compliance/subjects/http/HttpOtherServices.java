package dev.kairos.compliance.subjects.http;

import dev.kairos.compliance.subjects.OtherServices;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Asks each service's {@code GET /api/v1/customers/{id}/data-export} with the bearer token configured for it
 * (ADR 0010): a token from the deployment's issuer, carrying the scope that service asks for.
 */
@Component
@EnableConfigurationProperties(HttpOtherServices.Remotes.class)
class HttpOtherServices implements OtherServices {

    private final Map<String, Remote> remotes;
    private final RestClient http;

    HttpOtherServices(Remotes remotes) {
        this.remotes = remotes.services();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5)).build());
        requests.setReadTimeout(remotes.timeout());
        this.http = RestClient.builder().requestFactory(requests).build();
    }

    @Override
    public Object export(String service, String customerId) {
        Remote remote = remotes.get(service);
        if (remote == null || remote.baseUrl() == null) {
            throw new Unavailable(service, "no kairos.subjects.services." + service + ".base-url configured");
        }
        try {
            return http.get()
                    .uri(remote.baseUrl().replaceAll("/+$", "") + "/api/v1/customers/{id}/data-export", customerId)
                    .headers(headers -> headers.setBearerAuth(remote.token() == null ? "" : remote.token()))
                    .exchange((request, response) -> {
                        HttpStatusCode status = response.getStatusCode();
                        if (status.value() == HttpStatus.NOT_FOUND.value()) {
                            return null;
                        }
                        if (!status.is2xxSuccessful()) {
                            throw new Unavailable(service, "answered " + status.value());
                        }
                        return response.bodyTo(Object.class);
                    });
        } catch (RestClientException e) {
            throw new Unavailable(service, e.getClass().getSimpleName());
        }
    }

    /**
     * @param token the bearer token compliance presents: subjects:export only, the scope its own caller needed
     */
    record Remote(String baseUrl, String token) {
    }

    /**
     * @param services by service name: {@code preferences}, {@code dispatch}
     * @param timeout  how long each service may take to answer
     */
    @ConfigurationProperties("kairos.subjects")
    record Remotes(Map<String, Remote> services, Duration timeout) {

        Remotes {
            services = services == null ? Map.of() : Map.copyOf(services);
            timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        }
    }
}
