package dev.kairos.compliance.audit.web;

import dev.kairos.compliance.ledger.Evidence;
import dev.kairos.compliance.ledger.Ledger;
import dev.kairos.compliance.ledger.LedgerEntry;
import dev.kairos.compliance.ledger.RecordedEntry;
import dev.kairos.platform.web.FieldProblem;
import dev.kairos.platform.web.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ledger by time range, for auditors, as JSON or CSV. Rows go from a database cursor straight to the
 * response stream, so an export of millions of entries holds one page of rows in memory, never the range.
 */
@RestController
class LedgerExportController {

    static final String CSV = "text/csv";
    private static final String FORMULA_STARTS = "=+-@\t\r";
    private static final String[] CSV_COLUMNS = {"sequence", "entryId", "customerId", "type", "channel", "purpose",
            "basis", "jurisdiction", "source", "occurredAt", "recordedAt", "expiresAt", "address", "evidenceSource",
            "collectionPoint", "noticeVersion", "noticeSha256", "controller", "actor", "rawInput", "ipAddress",
            "userAgent", "addressCommitment", "evidenceCommitment", "previousHash", "hash"};

    private final Ledger ledger;
    private final JsonMapper json;
    private final Clock clock;

    LedgerExportController(Ledger ledger, JsonMapper json, Clock clock) {
        this.ledger = ledger;
        this.json = json;
        this.clock = clock;
    }

    @Operation(summary = "Export the ledger entries recorded in [from, to), as JSON",
            description = "Streams every entry in sequence order with its address and evidence (null once erased). "
                    + "With Accept: text/csv, the same as CSV. Needs the audit:read scope.")
    @GetMapping(value = "/api/v1/audit/ledger", produces = MediaType.APPLICATION_JSON_VALUE)
    void exportJson(@Parameter(description = "ISO-8601 instant, inclusive (default: the beginning)") @RequestParam(required = false) String from,
                    @Parameter(description = "ISO-8601 instant, exclusive (default: now)") @RequestParam(required = false) String to,
                    HttpServletResponse response) throws IOException {
        Range range = range(from, to);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        try (OutputStream out = response.getOutputStream(); JsonGenerator generator = json.createGenerator(out)) {
            generator.writeStartObject();
            generator.writeStringProperty("from", range.from().toString());
            generator.writeStringProperty("to", range.to().toString());
            generator.writeName("entries");
            generator.writeStartArray();
            ledger.export(range.from(), range.to(), recorded -> {
                generator.writePOJO(ExportedEntry.of(recorded));
                return true;
            });
            generator.writeEndArray();
            generator.writeEndObject();
        }
    }

    @GetMapping(value = "/api/v1/audit/ledger", produces = CSV)
    void exportCsv(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                   HttpServletResponse response) throws IOException {
        Range range = range(from, to);
        response.setContentType(CSV + ";charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"consent-ledger.csv\"");
        try (Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8))) {
            row(out, List.of(CSV_COLUMNS));
            ledger.export(range.from(), range.to(), recorded -> {
                try {
                    row(out, csvRow(recorded));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return true;
            });
        }
    }

    private Range range(String from, String to) {
        List<FieldProblem> problems = new ArrayList<>();
        Instant start = from == null ? Instant.EPOCH : instant("from", from, problems);
        Instant end = to == null ? clock.instant() : instant("to", to, problems);
        if (problems.isEmpty() && !start.isBefore(end)) {
            problems.add(new FieldProblem("to", "must be after from"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return new Range(start, end);
    }

    private static Instant instant(String field, String value, List<FieldProblem> problems) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(field, "must be an ISO-8601 instant with offset, e.g. 2026-11-23T10:15:30Z"));
            return null;
        }
    }

    private static List<String> csvRow(RecordedEntry recorded) {
        LedgerEntry e = recorded.entry();
        Evidence ev = recorded.evidence();
        List<String> row = new ArrayList<>(CSV_COLUMNS.length);
        row.add(Long.toString(e.sequence()));
        row.add(e.entryId().toString());
        row.add(e.customerId());
        row.add(e.type().name());
        row.add(e.channel().name());
        row.add(e.purpose());
        row.add(e.basis() == null ? null : e.basis().name());
        row.add(e.jurisdiction());
        row.add(e.source());
        row.add(text(e.occurredAt()));
        row.add(text(e.recordedAt()));
        row.add(text(e.expiresAt()));
        row.add(recorded.address());
        row.add(ev == null ? null : ev.source());
        row.add(ev == null ? null : ev.collectionPoint());
        row.add(ev == null ? null : ev.noticeVersion());
        row.add(ev == null ? null : ev.noticeSha256());
        row.add(ev == null ? null : ev.controller());
        row.add(ev == null ? null : ev.actor());
        row.add(ev == null ? null : ev.rawInput());
        row.add(ev == null ? null : ev.ipAddress());
        row.add(ev == null ? null : ev.userAgent());
        row.add(e.addressCommitment());
        row.add(e.evidenceCommitment());
        row.add(e.previousHash());
        row.add(e.hash());
        return row;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /**
     * RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled; null is an empty field.
     * A field a spreadsheet would read as a formula (starting with {@code = + - @}, a tab or a carriage return)
     * gets a leading apostrophe: a user agent or a notice text is whatever a web form sent, and an auditor
     * opening the file must not run it (CSV injection).
     */
    static void row(Writer out, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            String field = fields.get(i);
            if (field == null) {
                continue;
            }
            if (!field.isEmpty() && FORMULA_STARTS.indexOf(field.charAt(0)) >= 0) {
                field = "'" + field;
            }
            if (field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0 || field.indexOf('\r') >= 0) {
                out.write('"');
                out.write(field.replace("\"", "\"\""));
                out.write('"');
            } else {
                out.write(field);
            }
        }
        out.write("\r\n");
    }

    private record Range(Instant from, Instant to) {
    }

    /**
     * An exported entry: the chained fields, then the personal data and the hex salt of its commitments (null once
     * erased), what an auditor needs to recompute the commitments (README "Verifying the ledger").
     */
    record ExportedEntry(long sequence, String entryId, String customerId, String type, String channel, String purpose,
                         String basis, String jurisdiction, String source, Instant occurredAt, Instant recordedAt,
                         Instant expiresAt, String address, Evidence evidence, String salt, String addressCommitment,
                         String evidenceCommitment, String previousHash, String hash) {

        static ExportedEntry of(RecordedEntry recorded) {
            LedgerEntry e = recorded.entry();
            return new ExportedEntry(e.sequence(), e.entryId().toString(), e.customerId(), e.type().name(),
                    e.channel().name(), e.purpose(), e.basis() == null ? null : e.basis().name(), e.jurisdiction(),
                    e.source(), e.occurredAt(), e.recordedAt(), e.expiresAt(), recorded.address(), recorded.evidence(),
                    recorded.salt() == null ? null : HexFormat.of().formatHex(recorded.salt()), e.addressCommitment(), e.evidenceCommitment(), e.previousHash(), e.hash());
        }
    }
}
