package dev.kairos.platform.testing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Small helpers shared by the forked broker, the embedded database and the local launcher: ports,
 * forking JVMs, stopping processes and reading the end of their logs.
 */
public final class ProcessSupport {

    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private ProcessSupport() {
    }

    /** A port that nothing listens on right now on the loopback interface. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port on the loopback interface", e);
        }
    }

    /**
     * Whether {@code port} can be bound on the loopback interface and on all interfaces (a server bound to
     * 0.0.0.0 also makes it unusable for us).
     */
    public static boolean isFree(int port) {
        if (port <= 0 || port > 65535) {
            return false;
        }
        return canBind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                && canBind(new InetSocketAddress(port));
    }

    private static boolean canBind(InetSocketAddress address) {
        try (ServerSocket socket = new ServerSocket()) {
            // Same as the servers we start: a port in TIME_WAIT after a restart counts as free.
            socket.setReuseAddress(true);
            socket.bind(address, 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code preferred} when it is free, otherwise any free port. */
    public static int preferredOrFree(int preferred) {
        return preferred > 0 && isFree(preferred) ? preferred : freePort();
    }

    /** Whether something accepts TCP connections on 127.0.0.1:{@code port}. */
    public static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The java launcher of the running JVM, so forked processes use the same Java. */
    public static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The command prefix that starts a child in its own session. Without it, Ctrl-C in a terminal reaches
     * every child at once (same process group) and they stop in random order; with it, only our JVM gets
     * the signal and its shutdown hook stops the children in order. setsid execs in place, so the pid we
     * hold is the child's own pid.
     */
    public static List<String> ownSessionPrefix() {
        return Files.isExecutable(SETSID) ? List.of(SETSID.toString()) : List.of();
    }

    /**
     * Sends SIGTERM and waits up to {@code grace}; sends SIGKILL if the process is still running then.
     *
     * @return true when the process stopped within the grace period
     */
    public static boolean terminate(ProcessHandle process, Duration grace) {
        if (!process.isAlive()) {
            return true;
        }
        process.destroy();
        if (awaitExit(process, grace)) {
            return true;
        }
        process.destroyForcibly();
        awaitExit(process, Duration.ofSeconds(30));
        return false;
    }

    /** Waits until {@code process} has exited, at most {@code timeout}. */
    public static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /** The live process recorded in {@code pidFile} (first line), if its command line contains {@code marker}. */
    public static Optional<ProcessHandle> recordedProcess(Path pidFile, String marker) {
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.get(0).trim());
            // The pid may have been reused by an unrelated process since: only trust it if it looks like ours.
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The last {@code lines} lines of a text file, or a note that it is missing. Reads at most 64 KiB. */
    public static String tail(Path file, int lines) {
        if (!Files.isRegularFile(file)) {
            return "(no log file " + file + ")";
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            long from = Math.max(0, length - 64 * 1024);
            byte[] bytes = new byte[(int) (length - from)];
            in.seek(from);
            in.readFully(bytes);
            String[] all = new String(bytes, StandardCharsets.UTF_8).split("\\R");
            List<String> last = new ArrayList<>();
            for (int i = Math.max(0, all.length - lines); i < all.length; i++) {
                last.add(all[i]);
            }
            return String.join(System.lineSeparator(), last);
        } catch (IOException e) {
            return "(could not read " + file + ": " + e.getMessage() + ")";
        }
    }
}
