package dev.kairos.dispatch.requests;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Asks the dispatch instance that holds a request's status, with the caller's own token, and relays
 * its answer. The forwarded call is marked so the other instance never forwards it again.
 */
class StatusForwarder {

    static final String FORWARDED = "X-Kairos-Forwarded";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    ResponseEntity<String> forward(String host, int port, String requestId, String authorization)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/api/v1/messages/"
                        + URLEncoder.encode(requestId, StandardCharsets.UTF_8).replace("+", "%20")))
                .timeout(Duration.ofSeconds(5))
                .header(HttpHeaders.AUTHORIZATION, authorization)
                .header(FORWARDED, "true")
                .GET().build();
        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        return ResponseEntity.status(answer.statusCode())
                .contentType(answer.headers().firstValue(HttpHeaders.CONTENT_TYPE).map(MediaType::parseMediaType)
                        .orElse(MediaType.APPLICATION_JSON))
                .body(answer.body());
    }
}
