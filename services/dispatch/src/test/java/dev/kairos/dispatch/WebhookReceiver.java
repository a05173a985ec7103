package dev.kairos.dispatch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Campaign systems' webhook endpoints, a real HTTP server on the loopback interface, shared by the tests of
 * {@link DecisionFlowContext}'s dispatch: {@link #url()} ({@code /outcomes}) and {@link #url(String)} for other paths.
 * It keeps every POST (headers, raw body, when) by path and the request id in its body, and answers 200 unless a
 * test scripted other statuses for that request id at that path, or took the path down (503 to everything).
 */
final class WebhookReceiver {

    /** The endpoint's secret as an operator gives it (Standard Webhooks' {@code whsec_} form). */
    static final byte[] SECRET = "webhook-test-secret-of-32-bytes!".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    static final String SECRET_SETTING = "whsec_" + Base64.getEncoder().encodeToString(SECRET);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static WebhookReceiver shared;

    private final HttpServer server;
    private final Map<String, List<Post>> posts = new ConcurrentHashMap<>();
    private final Map<String, Deque<Integer>> scripts = new ConcurrentHashMap<>();
    private final Set<String> down = ConcurrentHashMap.newKeySet();

    /** One POST as received, when, and what it was answered. */
    record Post(Map<String, List<String>> headers, byte[] body, JsonNode json, int answered, Instant at) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::receive);
        server.start();
    }

    static synchronized WebhookReceiver shared() {
        if (shared == null) {
            try {
                shared = new WebhookReceiver();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    String url() {
        return url("/outcomes");
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next POSTs of this request id to {@code /outcomes} are answered these statuses, in order; then 200. */
    void script(String requestId, Integer... statuses) {
        script("/outcomes", requestId, statuses);
    }

    void script(String path, String requestId, Integer... statuses) {
        scripts.put(path + " " + requestId, new ArrayDeque<>(List.of(statuses)));
    }

    /** While down, every POST to {@code path} is answered 503, scripts or not. */
    void down(String path, boolean isDown) {
        if (isDown) {
            down.add(path);
        } else {
            down.remove(path);
        }
    }

    List<Post> posts(String requestId) {
        return posts("/outcomes", requestId);
    }

    List<Post> posts(String path, String requestId) {
        return List.copyOf(posts.getOrDefault(path + " " + requestId, List.of()));
    }

    private void receive(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        JsonNode json = JSON.readTree(body);
        String key = exchange.getRequestURI().getPath() + " " + json.path("data").path("requestId").asText();
        Deque<Integer> script = scripts.get(key);
        Integer scripted = script == null ? null : script.poll();
        int status = down.contains(exchange.getRequestURI().getPath()) ? 503 : scripted == null ? 200 : scripted;
        posts.computeIfAbsent(key, id -> java.util.Collections.synchronizedList(new ArrayList<>()))
                .add(new Post(Map.copyOf(exchange.getRequestHeaders()), body, json, status, Instant.now()));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }
}
