package dev.kairos.platform.smsc;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * Plays handsets on the local run (or in the simulator's container), over HTTP on 127.0.0.1 unless told another address:
 * <ul>
 *   <li>{@code POST /handsets/<number>} with the text as the body: the handset texts the short code that last
 *       texted it ({@code ?to=<address>} names another); 202 with the SMSC's id, 409 with the reason when the
 *       text could not go (nobody to answer, no client bound, the client refused it);</li>
 *   <li>{@code GET /handsets/<number>}: the texts the handset received, one per line.</li>
 * </ul>
 * Conversations are also kept in the simulator's conversations folder, one file per handset.
 */
public final class HandsetConsole implements AutoCloseable {

    private static final String PATH = "/handsets/";

    private final HttpServer server;
    private final SmscSimulator smsc;

    private HandsetConsole(SmscSimulator smsc, InetAddress address, int port) throws IOException {
        this.smsc = smsc;
        this.server = HttpServer.create(new InetSocketAddress(address, port), 0);
        server.createContext(PATH, this::handle);
        server.start();
    }

    public static HandsetConsole start(SmscSimulator smsc, int port) {
        return start(smsc, InetAddress.getLoopbackAddress(), port);
    }

    public static HandsetConsole start(SmscSimulator smsc, InetAddress address, int port) {
        try {
            return new HandsetConsole(smsc, address, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String number = exchange.getRequestURI().getPath().substring(PATH.length());
            if (number.isBlank()) {
                answer(exchange, 404, "usage: POST or GET /handsets/<number>, e.g. /handsets/+33612345678\n");
            } else if (exchange.getRequestMethod().equals("POST")) {
                send(exchange, number);
            } else if (exchange.getRequestMethod().equals("GET")) {
                answer(exchange, 200, smsc.deliveredTo(number).stream()
                        .map(t -> t.at() + "  from " + t.from() + ": " + t.text() + "\n").collect(Collectors.joining()));
            } else {
                answer(exchange, 405, "POST or GET\n");
            }
        }
    }

    private void send(HttpExchange exchange, String number) throws IOException {
        String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).strip();
        String to = query(exchange, "to");
        try {
            String id = to == null ? smsc.sendFromHandset(number, text) : smsc.sendFromHandset(number, to, text);
            answer(exchange, 202, "sent as " + id + "\n");
        } catch (IllegalStateException e) {
            answer(exchange, 409, e.getMessage() + "\n");
        }
    }

    private static String query(HttpExchange exchange, String name) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
