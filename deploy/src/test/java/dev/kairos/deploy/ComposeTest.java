package dev.kairos.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml passes {@code docker-compose config}, and gives every secret as a file (Compose secrets made by
 * {@code deploy/compose/secrets.sh}), never in the file nor in an environment variable.
 */
class ComposeTest {

    private final DeploymentTree tree = DeploymentTree.repository();

    @Test
    void composeFileIsValid() {
        Tool.Run run = tree.composeConfig(tree.composeSecrets());

        assertThat(run.err()).doesNotContain("ERROR");
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void everySecretIsAFileThatTheSecretsScriptMakesOnce() throws IOException {
        Path folder = Files.createTempDirectory("kairos-secrets").resolve(".secrets");
        try {
            Tool.Run first = Tool.run(List.of("sh", tree.path("deploy/compose/secrets.sh").toString(), folder.toString()),
                    tree.root, Map.of());
            assertThat(first.exitCode()).as(first.err()).isZero();
            Map<String, String> made = contents(folder);

            Set<String> declared = new TreeSet<>();
            tree.compose().path("secrets").properties().forEach(secret -> {
                declared.add(secret.getKey());
                assertThat(secret.getValue().path("file").asString()).as(secret.getKey())
                        .isEqualTo(tree.path(".secrets/" + secret.getKey()).toString());
            });
            assertThat(made.keySet()).isEqualTo(declared);
            for (String name : made.keySet()) {
                assertThat(Files.getPosixFilePermissions(folder.resolve(name))).as(name)
                        .isEqualTo(PosixFilePermissions.fromString("r--r--r--"));
            }
            assertThat(Files.getPosixFilePermissions(folder)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
            for (String key : List.of("link_key_d1", "link_key_c1", "link_key_p1", "instance_key", "address_hmac_key")) {
                assertThat(Base64.getDecoder().decode(made.get(key))).as(key).hasSize(32);
            }
            assertThat(made.get("smpp_password")).hasSizeBetween(1, 8);
            assertThat(made.values()).doesNotHaveDuplicates().allSatisfy(value -> assertThat(value).isNotBlank());

            // Run again (a secret added later): nothing that exists is replaced.
            Files.delete(folder.resolve("instance_key"));
            Tool.Run second = Tool.run(List.of("sh", tree.path("deploy/compose/secrets.sh").toString(), folder.toString()),
                    tree.root, Map.of());
            assertThat(second.exitCode()).as(second.err()).isZero();
            assertThat(second.out().strip()).isEqualTo("made instance_key");
            Map<String, String> again = contents(folder);
            made.remove("instance_key");
            assertThat(again).containsAllEntriesOf(made);
        } finally {
            try (Stream<Path> files = Files.walk(folder.getParent())) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void noSecretIsInTheFileNorInAnyEnvironmentVariable() {
        JsonNode services = tree.compose().path("services");
        List<String> found = new ArrayList<>();
        services.properties().forEach(service -> {
            Set<String> mounted = new TreeSet<>();
            service.getValue().path("secrets").forEach(secret -> mounted.add(
                    secret.isObject() ? secret.path("source").asString() : secret.asString()));
            service.getValue().path("environment").properties().forEach(e -> {
                if (e.getKey().matches(".*(PASSWORD|_KEY_[A-Z][0-9]|_KEY|TOKEN|SECRET)$")) {
                    found.add(service.getKey() + " sets " + e.getKey());
                }
                // A variable naming a secret's file names one the service is given.
                if (e.getKey().endsWith("_FILE") && !mounted.contains(e.getValue().asString().replaceFirst("^/run/secrets/", ""))) {
                    found.add(service.getKey() + " reads " + e.getKey() + " from " + e.getValue().asString()
                            + ", not one of its secrets " + mounted);
                }
            });
        });

        assertThat(found).isEmpty();
    }

    private static Map<String, String> contents(Path folder) throws IOException {
        Map<String, String> contents = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                contents.put(file.getFileName().toString(), Files.readString(file));
            }
        }
        return contents;
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
