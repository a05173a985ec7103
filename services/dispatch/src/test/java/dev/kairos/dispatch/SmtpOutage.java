package dev.kairos.dispatch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay in front of an SMTP server that a test can take down and bring back on the same port: while
 * down, connections are refused and those open are cut, as when the server's host goes away; the server
 * behind it keeps what it received.
 */
final class SmtpOutage implements AutoCloseable {

    private final int port;
    private final int target;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocket listener;
    private final AtomicInteger relayed = new AtomicInteger();

    SmtpOutage(int port, int target) {
        this.port = port;
        this.target = target;
        up();
    }

    int port() {
        return port;
    }

    /** The connections relayed to the server so far. */
    int connections() {
        return relayed.get();
    }

    synchronized void up() {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            listener = socket;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Thread accept = new Thread(() -> acceptFrom(listener), "smtp-outage-accept");
        accept.setDaemon(true);
        accept.start();
    }

    synchronized void down() {
        closeQuietly(listener);
        open.forEach(SmtpOutage::closeQuietly);
        open.clear();
    }

    private void acceptFrom(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                relay(socket, client);
            } catch (IOException e) {
                // closed by down(), or the server behind refused: the client sees a cut connection
            }
        }
    }

    /**
     * Relays one accepted connection, unless the relay went down since it was accepted: then the connection is
     * cut like the others, so that nothing gets through an outage.
     */
    private synchronized void relay(ServerSocket socket, Socket client) throws IOException {
        if (socket != listener || socket.isClosed()) {
            closeQuietly(client);
            return;
        }
        open.add(client);
        Socket server;
        try {
            server = new Socket(InetAddress.getLoopbackAddress(), target);
        } catch (IOException e) {
            closeQuietly(client);
            throw e;
        }
        open.add(server);
        relayed.incrementAndGet();
        pump(client, server);
        pump(server, client);
    }

    private static void pump(Socket from, Socket to) {
        Thread pump = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // one side went away
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "smtp-outage-pump");
        pump.setDaemon(true);
        pump.start();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (Exception e) {
            // already closed
        }
    }

    @Override
    public void close() {
        down();
    }
}
