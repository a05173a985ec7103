package dev.kairos.deploy;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** YAML documents as Jackson trees, so that every check walks one kind of node. */
final class Yaml {

    static final ObjectMapper JSON = new ObjectMapper();

    private Yaml() {
    }

    static List<JsonNode> documents(String text) {
        List<JsonNode> documents = new ArrayList<>();
        for (Object document : new org.yaml.snakeyaml.Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text)) {
            if (document != null) {
                documents.add(JSON.valueToTree(document));
            }
        }
        return documents;
    }

    static JsonNode file(Path path) {
        try {
            List<JsonNode> documents = documents(Files.readString(path));
            return documents.isEmpty() ? JSON.createObjectNode() : documents.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The node at a dotted path of keys ({@code kairos.topics.catalogue}); a missing node, never null. */
    static JsonNode at(JsonNode node, String dottedPath) {
        JsonNode current = Objects.requireNonNull(node);
        for (String key : dottedPath.split("\\.")) {
            current = current.path(key);
        }
        return current;
    }
}
