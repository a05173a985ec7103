package dev.kairos.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Topics, ports, environment variables, images, ACLs, alert and dashboard metrics agree across proto/README.md,
 * the services' code and configuration, docker-compose.yml and the rendered overlays, dispatch binds to Compose's
 * SMSC simulator, and every dashboard reads its Prometheus from its datasource variable; and a single misspelling
 * in one place is caught (the check runs on a copy with that one change).
 */
class DeployConsistencyTest {

    @Test
    void deploymentAgreesWithTheCode() {
        assertThat(new ConsistencyCheck(DeploymentTree.repository()).run()).isEmpty();
    }

    @Test
    void aMisspeltTopicIsCaught(@TempDir Path copy) throws IOException {
        List<String> findings = findingsAfter(copy, "deploy/base/kafka/topics.yaml",
                "topicName: dispatch.internal.sms-inbound.v1", "topicName: dispatch.internal.sms-inbund.v1");

        assertThat(findings).anyMatch(f -> f.startsWith("topic dispatch.internal.sms-inbound.v1: in the topic table but not in KafkaTopics"))
                .anyMatch(f -> f.startsWith("topic dispatch.internal.sms-inbund.v1: in KafkaTopics"));
    }

    @Test
    void aTopicMissingFromProtoReadmeIsCaught(@TempDir Path copy) throws IOException {
        List<String> findings = findingsAfter(copy, "proto/README.md",
                "| `dispatch.internal.send-marks.v1` |", "| send marks |");

        assertThat(findings).contains("topic dispatch.internal.send-marks.v1: in the topic table "
                + "(kairos-topics.yml, application.yml) but not in proto/README.md");
    }

    @Test
    void aWrongPortIsCaught(@TempDir Path copy) throws IOException {
        List<String> findings = findingsAfter(copy, "docker-compose.yml", "\"8083:8083\"", "\"8083:8038\"");

        assertThat(findings).contains("compliance: container port published in docker-compose.yml is [8038], expected [8083]");
    }

    @Test
    void aMisspeltVariableIsCaught(@TempDir Path copy) throws IOException {
        List<String> findings = findingsAfter(copy, "deploy/base/dispatch/statefulset.yaml",
                "- name: KAIROS_INSTANCE_KEY", "- name: KAIROS_INSTANCE_KY");

        assertThat(findings).contains("dispatch: overlay production sets KAIROS_INSTANCE_KY, which the service never reads",
                "dispatch: overlay production does not set KAIROS_INSTANCE_KEY, which the service needs");
    }

    @Test
    void aMisspeltSecretFileIsCaught(@TempDir Path copy) throws IOException {
        List<String> findings = findingsAfter(copy, "docker-compose.yml",
                "{ source: instance_key, target: KAIROS_INSTANCE_KEY }", "{ source: instance_key, target: KAIROS_INSTANCE_KY }");

        assertThat(findings).contains("dispatch: docker-compose.yml sets KAIROS_INSTANCE_KY, which the service never reads",
                "dispatch: docker-compose.yml does not set KAIROS_INSTANCE_KEY, which the service needs");
    }

    @Test
    void theSimulatorWithAnotherPasswordThanDispatchIsCaught(@TempDir Path copy) throws IOException {
        List<String> findings = findingsAfter(copy, "docker-compose.yml",
                "KAIROS_SMPP_PASSWORD_FILE: /run/secrets/smpp_password", "KAIROS_SMPP_PASSWORD_FILE: /run/secrets/instance_key");

        assertThat(findings).anyMatch(f -> f.startsWith("dispatch: the secret of KAIROS_SMPP_PASSWORD in docker-compose.yml"));
    }

    @Test
    void aMisspeltImageIsCaught(@TempDir Path copy) throws IOException {
        List<String> findings = findingsAfter(copy, "deploy/overlays/production/kustomization.yaml",
                "newName: registry.example.com/kairos/kairos-compliance", "newName: registry.example.com/kairos/kairos-complience");

        assertThat(findings).anyMatch(f -> f.startsWith("compliance: image in overlay production is "
                + "registry.example.com/kairos/kairos-complience:"));
    }

    @Test
    void dispatchBindingElsewhereThanTheSimulatorIsCaught(@TempDir Path copy) throws IOException {
        List<String> findings = findingsAfter(copy, "docker-compose.yml",
                "KAIROS_SMPP_SYSTEM_ID: ${KAIROS_SMPP_SYSTEM_ID:-kairos}", "KAIROS_SMPP_SYSTEM_ID: ${KAIROS_SMPP_SYSTEM_ID:-kairso}");

        assertThat(findings).contains("dispatch: KAIROS_SMPP_SYSTEM_ID in docker-compose.yml is kairso, expected kairos");
    }

    @Test
    void aMisspeltSimulatorImageIsCaught(@TempDir Path copy) throws IOException {
        List<String> findings = findingsAfter(copy, "docker-compose.yml",
                "image: kairos-smsc:", "image: kairos-smcs:");

        assertThat(findings).anyMatch(f -> f.startsWith("smsc: image in docker-compose.yml is kairos-smcs:"));
    }

    @Test
    void aMisspeltMetricInADashboardIsCaught(@TempDir Path copy) throws IOException {
        List<String> findings = findingsAfter(copy, "deploy/components/monitoring/dashboards/kairos-delivery.json",
                "kairos_dispatch_send_retries_total", "kairos_dispatch_send_retry_total");

        assertThat(findings).contains("dashboard kairos-delivery.json, panel \"Retries and failovers\": "
                + "kairos_dispatch_send_retry_total is no metric the services export");
    }

    @Test
    void aTimerQueriedAsACounterIsCaught(@TempDir Path copy) throws IOException {
        List<String> findings = findingsAfter(copy, "deploy/components/monitoring/dashboards/kairos-compliance.json",
                "sum by (outcome, finding) (kairos_compliance_ledger_verifications_seconds_count)",
                "sum by (outcome, finding) (kairos_compliance_ledger_verifications_total)");

        assertThat(findings).anyMatch(f -> f.startsWith("dashboard kairos-compliance.json, panel \"Ledger verifications "
                + "by outcome\": kairos_compliance_ledger_verifications_total is no metric the services export "
                + "(kairos.compliance.ledger.verifications is exported as [kairos_compliance_ledger_verifications_seconds_count"));
    }

    @Test
    void aHardCodedDatasourceInADashboardIsCaught(@TempDir Path copy) throws IOException {
        String panel = "(alert KairosLedgerVerificationFailed).\",\n      \"datasource\": {\n        \"type\": \"prometheus\",\n        \"uid\": ";
        List<String> findings = findingsAfter(copy, "deploy/components/monitoring/dashboards/kairos-compliance.json",
                panel + "\"${datasource}\"", panel + "\"kairos-prometheus\"");

        assertThat(findings).containsExactly("dashboard kairos-compliance.json, panel \"Failed ledger verifications\": "
                + "datasource {\"type\":\"prometheus\",\"uid\":\"kairos-prometheus\"}, not {\"type\":\"prometheus\",\"uid\":\"${datasource}\"}");
    }

    @Test
    void histogramBucketsNoDeploymentPublishesAreCaught(@TempDir Path copy) throws IOException {
        List<String> findings = findingsAfter(copy, "deploy/base/kustomization.yaml",
                "- MANAGEMENT_METRICS_DISTRIBUTION_PERCENTILESHISTOGRAM_KAIROS_DISPATCH_DECISION_LATENCY=true",
                "- MANAGEMENT_METRICS_DISTRIBUTION_PERCENTILESHISTOGRAM_KAIROS_DISPATCH_DECISION_LATENCY=false");

        assertThat(findings).contains("alert KairosDecisionLatencyHigh: kairos_dispatch_decision_latency_seconds_bucket "
                + "needs the histogram of kairos.dispatch.decision.latency, which not every deployment of [dispatch] "
                + "publishes (MANAGEMENT_METRICS_DISTRIBUTION_PERCENTILESHISTOGRAM_KAIROS_DISPATCH_DECISION_LATENCY=true)");
    }

    private static List<String> findingsAfter(Path copy, String file, String from, String to) throws IOException {
        DeploymentTree mutated = DeploymentTree.repository().copyTo(copy);
        Path path = mutated.path(file);
        String text = Files.readString(path);
        assertThat(text).contains(from);
        Files.writeString(path, text.replace(from, to));
        return new ConsistencyCheck(mutated).run();
    }
}
