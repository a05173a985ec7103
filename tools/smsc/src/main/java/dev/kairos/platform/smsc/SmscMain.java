package dev.kairos.platform.smsc;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The simulator on its own, as its container runs it (docker-compose.yml, service {@code smsc}), configured by
 * the variables dispatch reads for the same SMSC: {@code KAIROS_SMPP_SYSTEM_ID} (default {@code kairos}),
 * {@code KAIROS_SMPP_PASSWORD} (required, 8 characters at most as SMPP 3.4 allows), {@code KAIROS_SMPP_PORT}
 * (else the image's {@code SERVER_PORT}, else 2775); {@code KAIROS_HANDSETS_PORT} (2776) for the handset console,
 * {@code KAIROS_SMSC_BIND_ADDRESS} (default all addresses, as a container needs) and {@code KAIROS_SINK_DIR}
 * (conversations kept under its {@code sms} folder; unset: none kept). Stops on SIGTERM.
 */
public final class SmscMain {

    /** SMPP 3.4 passwords are C-octet strings of at most 9 octets with the terminating NUL. */
    private static final int MAX_PASSWORD = 8;

    private SmscMain() {
    }

    public static void main(String[] args) throws InterruptedException, IOException {
        Map<String, String> env = System.getenv();
        String password = password(env);
        if (password.isEmpty() || password.length() > MAX_PASSWORD) {
            System.err.println("KAIROS_SMPP_PASSWORD (or a file named by KAIROS_SMPP_PASSWORD_FILE) must be set, 1 to "
                    + MAX_PASSWORD + " characters (SMPP 3.4)");
            System.exit(2);
        }
        String systemId = env.getOrDefault("KAIROS_SMPP_SYSTEM_ID", "kairos");
        int port = Integer.parseInt(env.getOrDefault("KAIROS_SMPP_PORT", env.getOrDefault("SERVER_PORT", "2775")));
        int handsetsPort = Integer.parseInt(env.getOrDefault("KAIROS_HANDSETS_PORT", "2776"));
        InetAddress address = InetAddress.getByName(env.getOrDefault("KAIROS_SMSC_BIND_ADDRESS", "0.0.0.0"));
        String sinks = env.get("KAIROS_SINK_DIR");
        Path conversations = sinks == null || sinks.isBlank() ? null : Path.of(sinks, "sms");

        SmscSimulator smsc = SmscSimulator.start(address, port, systemId, password, conversations);
        HandsetConsole handsets = HandsetConsole.start(smsc, address, handsetsPort);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            handsets.close();
            smsc.close();
            stopped.countDown();
        }, "smsc-shutdown"));
        System.out.println("SMSC simulator: SMPP on port " + smsc.port() + " for system id " + systemId
                + ", handsets on http://<host>:" + handsets.port() + "/handsets/<number>");
        stopped.await();
    }

    /** From the variable, or from the file a secret is mounted as (its last line break left out). */
    static String password(Map<String, String> env) throws IOException {
        String file = env.get("KAIROS_SMPP_PASSWORD_FILE");
        if (file != null && !file.isBlank()) {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).replaceFirst("\\R$", "");
        }
        return env.getOrDefault("KAIROS_SMPP_PASSWORD", "");
    }
}
