package dev.kairos.proto.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.kairos.proto.serde.ReleasedSchema;
import dev.kairos.proto.serde.ReleasedSchemas;

/**
 * Releases the current schema of every topic value record whose parsing fingerprint differs from its
 * latest released version, as the next {@code v<N>.avsc}, and rewrites the index. Refuses while the
 * compatibility gate would fail. Run with {@code mvn -pl proto compile exec:java@release-schemas}.
 */
public final class SchemaRelease {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemaRelease() {
    }

    public static void main(String[] args) throws IOException {
        Path releasedFolder = Path.of(args[0]);
        ReleasedSchemas released = ReleasedSchemas.inFolder(releasedFolder);
        List<String> problems = CompatibilityCheck.problems(Contract.ALL, released);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Nothing released; fix these first:\n" + String.join("\n", problems));
        }
        List<ReleasedSchema> next = nextVersions(Contract.ALL, released);
        for (ReleasedSchema version : next) {
            Path file = releasedFolder.resolve(version.path());
            Files.createDirectories(file.getParent());
            Files.writeString(file, releasedJson(version.schema()));
            System.out.println("Released " + version.path() + " (fingerprint " + version.fingerprint() + ")");
        }
        List<ReleasedSchema> all = new ArrayList<>(released.all());
        all.addAll(next);
        Files.writeString(releasedFolder.resolve(ReleasedSchemas.INDEX_FILE), ReleasedSchemas.of(all).index());
        if (next.isEmpty()) {
            System.out.println("Nothing to release: every current schema matches its latest released version.");
        }
    }

    /** Docs, defaults and properties aside, what differs from its latest release becomes its next version. */
    static List<ReleasedSchema> nextVersions(List<Contract> contracts, ReleasedSchemas released) {
        List<ReleasedSchema> next = new ArrayList<>();
        for (Contract contract : contracts) {
            long current = SchemaNormalization.parsingFingerprint64(contract.current());
            var latest = released.latestOf(contract.fullName());
            if (latest.isEmpty()) {
                next.add(new ReleasedSchema(1, contract.current()));
            } else if (SchemaNormalization.parsingFingerprint64(latest.get().schema()) != current) {
                next.add(new ReleasedSchema(latest.get().version() + 1, contract.current()));
            }
        }
        return next;
    }

    /**
     * The schema as self-contained, pretty-printed JSON, without the {@code avro.java.string} hints the
     * Java code generator adds: released schemas are read by clients in every language.
     */
    static String releasedJson(Schema schema) {
        try {
            JsonNode tree = withoutJavaHints(JSON.readTree(schema.toString()));
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Avro wrote a schema Jackson cannot read", e);
        }
    }

    private static JsonNode withoutJavaHints(JsonNode node) {
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, withoutJavaHints(array.get(i)));
            }
        } else if (node instanceof ObjectNode object) {
            object.remove("avro.java.string");
            List.copyOf(object.properties()).forEach(property ->
                    object.set(property.getKey(), withoutJavaHints(property.getValue())));
            // {"type": "string"} is left once the hint is gone; the plain name is the usual spelling.
            if (object.size() == 1 && object.path("type").isTextual()) {
                return object.get("type");
            }
        }
        return node;
    }
}
