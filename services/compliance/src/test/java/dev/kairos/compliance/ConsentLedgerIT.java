package dev.kairos.compliance;


import static dev.kairos.compliance.ConsentRequests.aGrant;
import static dev.kairos.compliance.ConsentRequests.aWithdrawal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** The ledger in PostgreSQL: append-only, tamper-evident, and the source of earlier states. */
class ConsentLedgerIT extends RunningCompliance {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @Test
    void theDatabaseRefusesToChangeOrRemoveLedgerEntries() {
        long sequence = grant("c-" + UUID.randomUUID()).get("sequence").asLong();

        assertThatThrownBy(() -> jdbc.update("UPDATE consent_ledger SET purpose = 'other' WHERE sequence = ?", sequence))
                .isInstanceOf(DataAccessException.class)
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("42501"))
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM consent_ledger WHERE sequence = ?", sequence))
                .isInstanceOf(DataAccessException.class)
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.execute("TRUNCATE consent_ledger CASCADE"))
                .isInstanceOf(DataAccessException.class)
                .rootCause().hasMessageContaining("append-only");
        assertThat(jdbc.queryForObject("SELECT purpose FROM consent_ledger WHERE sequence = ?", String.class, sequence))
                .isEqualTo("promotions");
    }

    @Test
    void verificationPointsAtTheFirstEntryChangedBehindTheTriggersBack() {
        grant("c-" + UUID.randomUUID());
        long tampered = grant("c-" + UUID.randomUUID()).get("sequence").asLong();
        grant("c-" + UUID.randomUUID());

        asOwnerWithoutTrigger("UPDATE consent_ledger SET purpose = 'newsletter' WHERE sequence = " + tampered);
        try {
            JsonNode verification = api.get("/api/v1/audit/ledger/verification", "audit:read").json();

            assertThat(verification.get("valid").asBoolean()).isFalse();
            assertThat(verification.get("firstInvalidSequence").asLong()).isEqualTo(tampered);
            assertThat(verification.get("entriesChecked").asLong()).isEqualTo(tampered);
            assertThat(api.get("/actuator/prometheus").body())
                    .containsPattern("kairos_compliance_ledger_verifications_seconds_count\\{[^}]*outcome=\"invalid\"[^}]*} [1-9]");
        } finally {
            asOwnerWithoutTrigger("UPDATE consent_ledger SET purpose = 'promotions' WHERE sequence = " + tampered);
        }
        assertThat(api.get("/api/v1/audit/ledger/verification", "audit:read").json().get("valid").asBoolean())
                .isTrue();
    }

    @Test
    void aGrantWithDoubleOptInWaitsForConfirmation() {
        String customer = "c-" + UUID.randomUUID();
        String body = aGrant(customer).email("Ada.Lovelace@Example.com ").doubleOptIn().json();

        Api.Response pending = api.post("/api/v1/consents", body, "consents:write");

        assertThat(pending.status()).as(pending.body()).isEqualTo(201);
        assertThat(pending.json().get("status").asString()).isEqualTo("PENDING_CONFIRMATION");
        JsonNode consent = api.get("/api/v1/customers/" + customer + "/consents", "consents:read")
                .json().get("consents").get(0);
        assertThat(consent.get("status").asString()).isEqualTo("PENDING_CONFIRMATION");
        assertThat(consent.get("address").asString()).isEqualTo("ada.lovelace@example.com");
    }

    @Test
    void anEarlierStateIsReadFromTheLedger() {
        String customer = "c-" + UUID.randomUUID();
        api.post("/api/v1/consents", aGrant(customer).json(), "consents:write");
        String beforeWithdrawal = api.get("/api/v1/customers/" + customer + "/consents", "consents:read")
                .json().get("asOf").asString();
        api.post("/api/v1/consents", aWithdrawal(customer).json(), "consents:write");

        Api.Response then = api.get("/api/v1/customers/" + customer + "/consents?knownAt=" + beforeWithdrawal,
                "consents:read");

        assertThat(then.status()).as(then.body()).isEqualTo(200);
        assertThat(then.json().get("consents").get(0).get("status").asString()).isEqualTo("ACTIVE");
        assertThat(then.json().get("consents").get(0).get("address").asString()).isEqualTo("+33612345678");
    }

    private JsonNode grant(String customer) {
        Api.Response response = api.post("/api/v1/consents", aGrant(customer).json(),
                "consents:write");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    /** What the table's owner can still do: switch the trigger off, change a row, switch it on again. */
    private void asOwnerWithoutTrigger(String update) {
        jdbc.execute("ALTER TABLE consent_ledger DISABLE TRIGGER consent_ledger_no_update_or_delete");
        try {
            jdbc.execute(update);
        } finally {
            jdbc.execute("ALTER TABLE consent_ledger ENABLE TRIGGER consent_ledger_no_update_or_delete");
        }
    }

    private static String sqlState(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
