package dev.kairos.preferences.bench;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Locale;

/**
 * One kept-alive HTTP/1.1 connection on a blocking socket, used by one load thread at a time. The JDK
 * HttpClient hands each request between its caller, a selector thread and an executor; on a machine of two
 * cores that load generator would compete with the service for CPU more than the service's own work. This
 * one writes prepared bytes and reads the answer in the calling thread, like wrk.
 */
final class HttpConnection implements AutoCloseable {

    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    HttpConnection(int port) throws IOException {
        this.port = port;
        open();
    }

    private void open() throws IOException {
        socket = new Socket("localhost", port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(30_000);
        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        out = socket.getOutputStream();
    }

    /** Sends the request and reads the whole answer; true when it came back with a 2xx status. */
    boolean tryExchange(byte[] request) {
        try {
            int status = exchange(request);
            return status >= 200 && status < 300;
        } catch (IOException e) {
            close(); // the next exchange opens a fresh connection
            return false;
        }
    }

    /** Sends the request and reads the whole answer; its status. */
    int exchange(byte[] request) throws IOException {
        if (socket == null) {
            open();
        }
        out.write(request);
        out.flush();
        String statusLine = line();
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close = true;
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0;
                    size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                skip(size);
                line();
            }
            while (!line().isEmpty()) {
                // trailers
            }
        } else if (length > 0) {
            skip(length);
        }
        if (close) {
            close();
        }
        return status;
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("the connection closed mid-answer");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private void skip(long n) throws IOException {
        byte[] sink = new byte[(int) Math.min(n, 8192)];
        for (long left = n; left > 0; ) {
            int read = in.read(sink, 0, (int) Math.min(left, sink.length));
            if (read < 0) {
                throw new EOFException("the connection closed mid-body");
            }
            left -= read;
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }
}
