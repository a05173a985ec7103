package dev.kairos.deploy;

import tools.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kairos source tree (the repository, or a mutated copy of its deployment files) and what the tools render
 * from it: each Kustomize overlay and docker-compose.yml.
 */
final class DeploymentTree {

    static final List<String> OVERLAYS = List.of("local", "production");
    static final List<String> SERVICES = List.of("preferences", "dispatch", "compliance");

    /** What the checks read; a mutated copy holds just these. */
    static final List<String> INPUTS = List.of("pom.xml", "docker-compose.yml", "deploy/base", "deploy/components",
            "deploy/overlays", "deploy/compose", "deploy/README.md", "proto/README.md", "docs/security.md",
            "platform/src/main", "services/preferences/pom.xml", "services/dispatch/pom.xml",
            "services/compliance/pom.xml", "services/preferences/src/main", "services/dispatch/src/main",
            "services/compliance/src/main", "tools/smsc/pom.xml", "tools/smsc/src/main");

    private static final Pattern REQUIRED_COMPOSE_VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+):\\?");

    final Path root;

    DeploymentTree(Path root) {
        this.root = root;
    }

    /** The repository this module belongs to. */
    static DeploymentTree repository() {
        Path here = Path.of("").toAbsolutePath();
        Path root = Files.exists(here.resolve("deploy/base")) ? here : here.getParent();
        return new DeploymentTree(root);
    }

    Path path(String relative) {
        return root.resolve(relative);
    }

    String read(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of {@link #INPUTS} under {@code target}, to mutate. */
    DeploymentTree copyTo(Path target) {
        for (String input : INPUTS) {
            copy(path(input), target.resolve(input));
        }
        return new DeploymentTree(target);
    }

    /**
     * The resources of an overlay, as {@code kubectl kustomize} renders them. The local overlay generates its
     * Secrets from files each machine creates (git ignores them): the overlay is rendered from a copy with
     * placeholders where they are missing, never touching the real ones.
     */
    List<JsonNode> render(String overlay) {
        Path copy = temporaryDirectory();
        try {
            for (String part : List.of("base", "components", "overlays")) {
                copy(path("deploy/" + part), copy.resolve("deploy/" + part));
            }
            Path secrets = copy.resolve("deploy/overlays/" + overlay + "/secrets");
            for (String file : secretFiles(read("deploy/overlays/" + overlay + "/kustomization.yaml"))) {
                Path secret = secrets.resolve(file);
                if (!Files.exists(secret)) {
                    Files.createDirectories(secrets);
                    Files.writeString(secret, "placeholder");
                }
            }
            List<String> command = List.of("kubectl", "kustomize", "deploy/overlays/" + overlay);
            return Yaml.documents(Tool.run(command, copy, Map.of()).outOrFail(command));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(copy);
        }
    }

    /** Every variable docker-compose.yml requires (${NAME:?...}), each set to "placeholder-NAME". */
    Map<String, String> composeSecrets() {
        Map<String, String> values = new LinkedHashMap<>();
        Matcher matcher = REQUIRED_COMPOSE_VARIABLE.matcher(read("docker-compose.yml"));
        while (matcher.find()) {
            values.put(matcher.group(1), "placeholder-" + matcher.group(1));
        }
        return values;
    }

    /** {@code docker-compose config} of docker-compose.yml with these variables (and no .env). */
    Tool.Run composeConfig(Map<String, String> environment) {
        Path emptyEnvFile = temporaryDirectory().resolve("empty.env");
        try {
            Files.writeString(emptyEnvFile, "");
            return Tool.run(List.of("docker-compose", "--env-file", emptyEnvFile.toString(), "-f",
                    path("docker-compose.yml").toString(), "config"), root, environment);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(emptyEnvFile.getParent());
        }
    }

    JsonNode compose() {
        List<String> command = List.of("docker-compose", "config");
        return Yaml.documents(composeConfig(composeSecrets()).outOrFail(command)).get(0);
    }

    private static List<String> secretFiles(String kustomization) {
        TreeSet<String> files = new TreeSet<>();
        Matcher matcher = Pattern.compile("=secrets/([A-Za-z0-9._-]+)").matcher(kustomization);
        while (matcher.find()) {
            files.add(matcher.group(1));
        }
        return new ArrayList<>(files);
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("kairos-deploy");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(Path from, Path to) {
        try {
            if (Files.isRegularFile(from)) {
                Files.createDirectories(to.getParent());
                Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
                return;
            }
            Files.walkFileTree(from, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                    if (dir.getFileName().toString().equals("target") || dir.endsWith("overlays/local/secrets")) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path directory) {
        try {
            if (!Files.exists(directory)) {
                return;
            }
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
