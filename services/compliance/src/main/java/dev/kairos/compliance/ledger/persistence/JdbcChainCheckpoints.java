package dev.kairos.compliance.ledger.persistence;

import dev.kairos.compliance.ledger.ChainCheckpoints;
import dev.kairos.ledger.verifier.Checkpoint;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcChainCheckpoints implements ChainCheckpoints {

    private final JdbcClient jdbc;

    JdbcChainCheckpoints(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean add(Checkpoint checkpoint) {
        return jdbc.sql("INSERT INTO ledger_checkpoints (sequence, head_hash, checkpointed_at, signature) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT DO NOTHING")
                .params(checkpoint.sequence(), checkpoint.headHash(), checkpoint.checkpointedAt().atOffset(ZoneOffset.UTC),
                        checkpoint.signature())
                .update() == 1;
    }

    @Override
    public List<Checkpoint> all() {
        return jdbc.sql("SELECT sequence, head_hash, checkpointed_at, signature FROM ledger_checkpoints"
                        + " ORDER BY sequence, checkpointed_at")
                .query((rs, n) -> new Checkpoint(rs.getLong(1), rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4)))
                .list();
    }
}
