package dev.kairos.compliance;

import dev.kairos.platform.testing.TestTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The service's HTTP API as a client sees it. */
final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    private final String base;

    Api(int port) {
        this.base = "http://localhost:" + port;
    }

    Response post(String path, String body, String... scopes) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return send(authorised(request, scopes));
    }

    Response get(String path, String... scopes) {
        return send(authorised(HttpRequest.newBuilder(URI.create(base + path)).GET(), scopes));
    }

    Response delete(String path, String... scopes) {
        return send(authorised(HttpRequest.newBuilder(URI.create(base + path)).DELETE(), scopes));
    }

    Response get(String path, String accept, String scope) {
        return send(authorised(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", accept).GET(), scope));
    }

    private static HttpRequest.Builder authorised(HttpRequest.Builder request, String... scopes) {
        return scopes.length == 0 ? request : request.header("Authorization", "Bearer " + TestTokens.bearer(scopes));
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Response(int status, String contentType, String body) {

        JsonNode json() {
            return JSON.readTree(body);
        }
    }
}
