package dev.kairos.dispatch.channels.mail;

import dev.kairos.dispatch.channels.LaterSends;
import dev.kairos.dispatch.channels.Outgoing;
import dev.kairos.dispatch.decision.Channel;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Letters gathered for the print house. The open batch is the folder {@code open}: each letter is its PDF
 * plus a line in {@code letters.tsv} (what the outcome needs). At the cut-off the batch is closed: a
 * {@code manifest.csv} (request id, customer id, pages, address, SHA-256 of the PDF), a {@code SHA256SUMS}
 * file over every PDF and the manifest, and the folder renamed {@code batch-<closing instant>}; then each
 * letter is recorded as sent and a {@code recorded} file written. Both steps survive a crash: an
 * {@code open} folder is reused, a closed batch without {@code recorded} is recorded again (same event ids).
 */
final class PrintBatches {

    private static final DateTimeFormatter BATCH_NAME = DateTimeFormatter.ofPattern("'batch-'yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** One letter of a batch, as the outcome needs it. */
    record Entry(String requestId, String customerId, String topic, String campaignId, String consentEntryId,
                 int pages, String address, String file) {
    }

    private final Path root;
    private final Clock clock;
    private final LaterSends recorder;
    private final DistributionSummary batchSizes;

    PrintBatches(Path root, Clock clock, LaterSends recorder, MeterRegistry meters) throws IOException {
        this.root = Files.createDirectories(root);
        this.clock = clock;
        this.recorder = recorder;
        this.batchSizes = DistributionSummary.builder("kairos.dispatch.print.batch.size")
                .tags("channel", "MAIL", "provider", "print-batch").baseUnit("letters")
                .description("letters in each print batch closed at a cut-off").register(meters);
    }

    /** Puts a letter in the open batch; a letter repeated after a crash replaces its earlier copy. */
    synchronized String add(Outgoing m, LetterRenderer.Letter letter) {
        try {
            Path open = Files.createDirectories(root.resolve("open"));
            String file = m.fileName() + ".pdf";
            Path partial = open.resolve(file + ".partial");
            Files.write(partial, letter.pdf());
            Files.move(partial, open.resolve(file), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            String line = String.join("\t", m.requestId(), m.customerId(), m.topic(), nullToEmpty(m.campaignId()),
                    nullToEmpty(m.consentEntryId()), Integer.toString(letter.pages()),
                    String.join(", ", LetterRenderer.addressLines(m)).replace('\t', ' '), file) + "\n";
            Files.writeString(open.resolve("letters.tsv"), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.SYNC);
            return "open/" + file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cut-off: closes the open batch if it holds letters, and records every closed but unrecorded batch. */
    synchronized void cutOff() {
        try {
            Path open = root.resolve("open");
            if (Files.exists(open.resolve("letters.tsv"))) {
                close(open);
            }
            try (Stream<Path> batches = Files.list(root)) {
                for (Path batch : batches.filter(p -> p.getFileName().toString().startsWith("batch-")).sorted().toList()) {
                    if (!Files.exists(batch.resolve("recorded"))) {
                        String name = batch.getFileName().toString();
                        recorder.sent(entries(batch).stream()
                                .map(e -> new LaterSends.Send(e.requestId(), e.customerId(), e.topic(), e.campaignId(),
                                        e.consentEntryId(), Channel.MAIL, name + "/" + e.file()))
                                .toList());
                        Files.writeString(batch.resolve("recorded"), clock.instant().toString());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void close(Path open) throws IOException {
        List<Entry> letters = entries(open);
        StringBuilder manifest = new StringBuilder("request_id,customer_id,pages,address,sha256\n");
        StringBuilder sums = new StringBuilder();
        for (Entry e : letters) {
            String sha = sha256(Files.readAllBytes(open.resolve(e.file())));
            manifest.append(String.join(",", csv(e.requestId()), csv(e.customerId()), Integer.toString(e.pages()),
                    csv(e.address()), sha)).append('\n');
            sums.append(sha).append("  ").append(e.file()).append('\n');
        }
        Files.writeString(open.resolve("manifest.csv"), manifest, StandardCharsets.UTF_8);
        sums.append(sha256(manifest.toString().getBytes(StandardCharsets.UTF_8))).append("  manifest.csv\n");
        Files.writeString(open.resolve("SHA256SUMS"), sums, StandardCharsets.UTF_8);
        Files.move(open, root.resolve(BATCH_NAME.format(clock.instant())), StandardCopyOption.ATOMIC_MOVE);
        batchSizes.record(letters.size());
    }

    /** The letters of a batch, the last line of a request winning (a repeat after a crash adds a second line). */
    private static List<Entry> entries(Path batch) throws IOException {
        Map<String, Entry> byRequest = new LinkedHashMap<>();
        for (String line : Files.readAllLines(batch.resolve("letters.tsv"), StandardCharsets.UTF_8)) {
            String[] f = line.split("\t", -1);
            byRequest.remove(f[0]);
            byRequest.put(f[0], new Entry(f[0], f[1], f[2], emptyToNull(f[3]), emptyToNull(f[4]),
                    Integer.parseInt(f[5]), f[6], f[7]));
        }
        return new ArrayList<>(byRequest.values());
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String csv(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
