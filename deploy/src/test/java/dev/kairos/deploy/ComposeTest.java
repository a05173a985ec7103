package dev.kairos.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docker-compose.yml passes {@code docker-compose config}, and takes every secret from outside the file. */
class ComposeTest {

    private final DeploymentTree tree = DeploymentTree.repository();

    @Test
    void composeFileIsValidWithItsSecretsGiven() {
        Map<String, String> secrets = tree.composeSecrets();

        Tool.Run run = tree.composeConfig(secrets);

        assertThat(run.err()).doesNotContain("ERROR");
        assertThat(run.exitCode()).isZero();
        assertThat(secrets).containsKeys("POSTGRES_PASSWORD", "KAIROS_ADDRESS_HMAC_KEY", "KAIROS_SMPP_PASSWORD");
    }

    @Test
    void composeRefusesToStartWithoutASecret() {
        Map<String, String> secrets = new LinkedHashMap<>(tree.composeSecrets());
        secrets.remove("KAIROS_COMPLIANCE_APP_DB_PASSWORD");

        Tool.Run run = tree.composeConfig(secrets);

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("set KAIROS_COMPLIANCE_APP_DB_PASSWORD");
    }

    @Test
    void noSecretHasAValueInTheFile() {
        JsonNode services = tree.compose().path("services");
        List<String> written = new ArrayList<>();
        services.properties().forEach(service -> service.getValue().path("environment").properties().forEach(e -> {
            boolean secret = e.getKey().matches(".*(PASSWORD|_KEY_[A-Z][0-9]|_KEY|TOKEN|SECRET)$");
            if (secret && !e.getValue().asString().startsWith("placeholder-")) {
                written.add(service.getKey() + " " + e.getKey());
            }
        }));

        assertThat(written).isEmpty();
    }

    @Test
    void everyServiceHasAMemoryLimit() {
        JsonNode services = tree.compose().path("services");

        List<String> unlimited = new ArrayList<>();
        services.properties().forEach(service -> {
            if (!service.getValue().has("mem_limit") && !service.getKey().equals("keys")) {
                unlimited.add(service.getKey());
            }
        });

        assertThat(unlimited).isEmpty();
    }
}
