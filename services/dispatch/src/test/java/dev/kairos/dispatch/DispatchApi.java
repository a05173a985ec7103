package dev.kairos.dispatch;

import dev.kairos.platform.testing.TestTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Dispatch's REST API as a campaign system calls it, with a token of the scope each call needs. */
final class DispatchApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final int port;

    DispatchApi(int port) {
        this.port = port;
    }

    /** The status answer of a request, or null while dispatch answers anything but 200. */
    JsonNode status(String requestId) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/api/v1/messages/" + requestId))
                        .header("Authorization", "Bearer " + TestTokens.bearer("messages:read")).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    }

    /** What dispatch holds on a customer; an empty object while it answers anything but 200. */
    JsonNode exportOf(String customerId) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/api/v1/customers/" + customerId
                        + "/data-export")).header("Authorization", "Bearer " + TestTokens.bearer("subjects:export")).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : JSON.createObjectNode();
    }

    HttpResponse<String> post(String body) throws IOException, InterruptedException {
        return HTTP.send(postRequest(body).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request posted within the caller's trace: {@code traceparent} is a W3C trace context header. */
    HttpResponse<String> post(String body, String traceparent) throws IOException, InterruptedException {
        return HTTP.send(postRequest(body).header("traceparent", traceparent).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder postRequest(String body) {
        return HttpRequest.newBuilder(uri("/api/v1/messages"))
                .header("Authorization", "Bearer " + TestTokens.bearer("messages:send"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
