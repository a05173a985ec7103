package dev.kairos.dispatch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny SMTP server that refuses every recipient for good ({@code 550 5.1.1} to {@code RCPT TO}), as a relay does
 * for a mailbox that does not exist, and remembers the recipients it refused. One connection at a time is enough for
 * a sender with one consumer thread.
 */
final class RefusingSmtp implements AutoCloseable {

    private final ServerSocket server;
    private final List<String> refused = new CopyOnWriteArrayList<>();
    private final Thread loop;

    RefusingSmtp() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        loop = new Thread(this::serve, "refusing-smtp");
        loop.setDaemon(true);
        loop.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** The recipients refused so far, as given in {@code RCPT TO}. */
    List<String> refused() {
        return List.copyOf(refused);
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                converse(socket);
            } catch (IOException e) {
                // a connection that ended badly, or the server closed: go on with the next, or stop
            }
        }
    }

    private void converse(Socket socket) throws IOException {
        socket.setSoTimeout(30_000);
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = socket.getOutputStream();
        reply(out, "220 refusing.test ESMTP");
        String line;
        while ((line = in.readLine()) != null) {
            String command = line.toUpperCase(Locale.ROOT);
            if (command.startsWith("EHLO")) {
                reply(out, "250-refusing.test\r\n250 8BITMIME");
            } else if (command.startsWith("HELO") || command.startsWith("MAIL FROM") || command.startsWith("RSET")
                    || command.startsWith("NOOP")) {
                reply(out, "250 2.0.0 OK");
            } else if (command.startsWith("RCPT TO")) {
                refused.add(line.substring("RCPT TO:".length()).trim());
                reply(out, "550 5.1.1 No such mailbox");
            } else if (command.startsWith("QUIT")) {
                reply(out, "221 2.0.0 Bye");
                return;
            } else {
                reply(out, "503 5.5.1 Bad sequence of commands");
            }
        }
    }

    private static void reply(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        loop.interrupt();
    }
}
