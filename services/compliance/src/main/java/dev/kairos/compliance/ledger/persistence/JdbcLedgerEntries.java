package dev.kairos.compliance.ledger.persistence;

import dev.kairos.compliance.addresses.Channel;
import dev.kairos.compliance.ledger.ChainHead;
import dev.kairos.compliance.ledger.EntryType;
import dev.kairos.compliance.ledger.Evidence;
import dev.kairos.compliance.ledger.LedgerEntries;
import dev.kairos.compliance.ledger.LedgerEntry;
import dev.kairos.compliance.ledger.LegalBasis;
import dev.kairos.compliance.ledger.PersonalData;
import dev.kairos.compliance.ledger.RecordedEntry;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.postgresql.PGStatement;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

@Repository
class JdbcLedgerEntries implements LedgerEntries {

    /** Advisory lock serialising appends ("kairosLG"); distinct from the outbox relay's. */
    private static final long APPEND_LOCK = 0x6B6169726F734C47L;

    /** Rows fetched per round trip while walking the whole chain. */
    private static final int FETCH_SIZE = 1_000;

    private static final String COLUMNS = """
            l.sequence, l.entry_id, l.customer_id, l.type, l.channel, l.purpose, l.basis, l.jurisdiction, l.source,
            l.occurred_at, l.recorded_at, l.expires_at, l.address_commitment, l.evidence_commitment,
            l.previous_hash, l.hash""";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final JsonMapper json;

    JdbcLedgerEntries(JdbcClient jdbc, JdbcTemplate template, JsonMapper json) {
        this.jdbc = jdbc;
        this.template = template;
        this.json = json;
    }

    @Override
    public ChainHead lockHead() {
        jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(APPEND_LOCK).query().listOfRows();
        return jdbc.sql("SELECT sequence, hash FROM consent_ledger ORDER BY sequence DESC LIMIT 1")
                .query((rs, n) -> new ChainHead(rs.getLong("sequence"), rs.getString("hash")))
                .optional()
                .orElse(ChainHead.GENESIS);
    }

    @Override
    public void addAll(List<ChainHead.Appended> appended) {
        template.batchUpdate("""
                        INSERT INTO consent_ledger (sequence, entry_id, customer_id, type, channel, purpose, basis,
                            jurisdiction, source, occurred_at, recorded_at, expires_at, address_commitment,
                            evidence_commitment, previous_hash, hash)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                appended.stream().map(a -> {
                    LedgerEntry e = a.entry();
                    return new Object[] {e.sequence(), e.entryId(), e.customerId(), e.type().name(), e.channel().name(),
                            e.purpose(), e.basis() == null ? null : e.basis().name(), e.jurisdiction(), e.source(),
                            timestamp(e.occurredAt()), timestamp(e.recordedAt()), timestamp(e.expiresAt()),
                            e.addressCommitment(), e.evidenceCommitment(), e.previousHash(), e.hash()};
                }).toList());
        template.batchUpdate("INSERT INTO ledger_personal_data (entry_id, salt, address, evidence) VALUES (?, ?, ?, ?::jsonb)",
                appended.stream().map(a -> {
                    PersonalData personal = a.personalData();
                    return new Object[] {personal.entryId(), personal.salt(), personal.address(),
                            personal.evidence() == null ? null : json.writeValueAsString(personal.evidence())};
                }).toList());
    }

    @Override
    public void forEachInOrder(Predicate<LedgerEntry> visitor) {
        // PostgreSQL streams with a cursor only inside a transaction and with a fetch size; the caller
        // provides the transaction.
        template.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM consent_ledger l ORDER BY l.sequence");
            return streaming(statement);
        }, (ResultSetExtractor<Void>) rs -> {
            boolean goOn = true;
            while (goOn && rs.next()) {
                goOn = visitor.test(entry(rs));
            }
            return null;
        });
    }

    @Override
    public List<AddressedEntry> inForce(String customerId, Instant asOf, Instant knownAt) {
        return jdbc.sql("SELECT DISTINCT ON (l.channel, l.purpose) " + COLUMNS + ", p.address"
                        + " FROM consent_ledger l LEFT JOIN ledger_personal_data p ON p.entry_id = l.entry_id"
                        + " WHERE l.customer_id = ? AND l.recorded_at <= ? AND l.occurred_at <= ?"
                        + " ORDER BY l.channel, l.purpose, l.sequence DESC")
                .params(customerId, timestamp(knownAt), timestamp(asOf))
                .query((rs, n) -> new AddressedEntry(entry(rs), rs.getString("address")))
                .list();
    }

    @Override
    public Optional<LedgerEntry> entry(UUID entryId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM consent_ledger l WHERE l.entry_id = ?")
                .param(entryId)
                .query((rs, n) -> entry(rs))
                .optional();
    }

    @Override
    public List<RecordedEntry> history(String customerId) {
        return jdbc.sql("SELECT " + COLUMNS + ", p.address, p.evidence, p.salt"
                        + " FROM consent_ledger l LEFT JOIN ledger_personal_data p ON p.entry_id = l.entry_id"
                        + " WHERE l.customer_id = ? ORDER BY l.sequence")
                .param(customerId)
                .query((rs, n) -> recorded(rs))
                .list();
    }

    @Override
    public void forEachRecorded(Instant from, Instant to, Predicate<RecordedEntry> visitor) {
        streamRecorded(" WHERE l.recorded_at >= ? AND l.recorded_at < ?", statement -> {
            statement.setObject(1, timestamp(from));
            statement.setObject(2, timestamp(to));
        }, visitor);
    }

    @Override
    public void forEachRecordedInOrder(Predicate<RecordedEntry> visitor) {
        streamRecorded("", statement -> { }, visitor);
    }

    /** As in forEachInOrder: a cursor, a page of FETCH_SIZE rows at a time, in the caller's transaction. */
    private void streamRecorded(String where, StatementBinder binder, Predicate<RecordedEntry> visitor) {
        template.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS + ", p.address, p.evidence, p.salt"
                    + " FROM consent_ledger l LEFT JOIN ledger_personal_data p ON p.entry_id = l.entry_id"
                    + where + " ORDER BY l.sequence");
            binder.bind(statement);
            return streaming(statement);
        }, (ResultSetExtractor<Void>) rs -> {
            boolean goOn = true;
            while (goOn && rs.next()) {
                goOn = visitor.test(recorded(rs));
            }
            return null;
        });
    }

    private interface StatementBinder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /**
     * A page of FETCH_SIZE rows per round trip, in binary form: decoding timestamps and UUIDs from text
     * was most of the time a million-entry verification took (a negative threshold makes the driver
     * prepare on the server and ask for binary results from the first execution).
     */
    private static PreparedStatement streaming(PreparedStatement statement) throws SQLException {
        statement.setFetchSize(FETCH_SIZE);
        statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
        return statement;
    }

    private RecordedEntry recorded(ResultSet rs) throws SQLException {
        String evidence = rs.getString(18);
        return new RecordedEntry(entry(rs), rs.getString(17),
                evidence == null ? null : json.readValue(evidence, Evidence.class), rs.getBytes(19));
    }

    /** Reads the COLUMNS, by position: a name lookup per column and row is measurable over a million rows. */
    private static LedgerEntry entry(ResultSet rs) throws SQLException {
        String basis = rs.getString(7);
        return new LedgerEntry(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3),
                EntryType.valueOf(rs.getString(4)), Channel.valueOf(rs.getString(5)), rs.getString(6),
                basis == null ? null : LegalBasis.valueOf(basis), rs.getString(8), rs.getString(9),
                instant(rs, 10), instant(rs, 11), instant(rs, 12), rs.getString(13), rs.getString(14),
                rs.getString(15), rs.getString(16));
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
