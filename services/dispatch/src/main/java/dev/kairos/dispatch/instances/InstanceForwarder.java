package dev.kairos.dispatch.instances;

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
 * Asks the dispatch instance that holds a key (a request's status, a customer's data) and relays its answer.
 * The forwarded call carries the instances' own short-lived credential for that one read, never the caller's
 * token (ADR 0029), and is marked so the other instance never forwards it again.
 */
public class InstanceForwarder {

    public static final String FORWARDED = "X-Kairos-Forwarded";
    public static final String CREDENTIAL = "X-Kairos-Instance-Credential";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final InstanceCredential credential;

    public InstanceForwarder(InstanceCredential credential) {
        this.credential = credential;
    }

    /**
     * GETs {@code path} on the other instance.
     *
     * @param path the absolute path, its variable segments already encoded (see {@link #segment})
     */
    public ResponseEntity<String> forward(String host, int port, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path))
                .timeout(Duration.ofSeconds(5))
                .header(CREDENTIAL, credential.issue("GET", path))
                .header(FORWARDED, "true")
                .GET().build();
        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        return ResponseEntity.status(answer.statusCode())
                .contentType(answer.headers().firstValue(HttpHeaders.CONTENT_TYPE).map(MediaType::parseMediaType)
                        .orElse(MediaType.APPLICATION_JSON))
                .body(answer.body());
    }

    /** A path segment as it travels in the forwarded URL. */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
