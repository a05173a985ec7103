package dev.kairos.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A service's OpenAPI document as committed beside its code ({@code openapi.json} in the service's folder), for
 * clients that generate code from it, checked against what the running service serves at {@code /v3/api-docs}.
 * Both are compared normalised: object members sorted by name (their order means nothing), arrays in their order,
 * and without {@code servers}, which names the test's random port.
 */
public final class OpenApiDocument {

    /** The system property that rewrites the committed document from the running service instead of failing. */
    public static final String WRITE = "kairos.openapi.write";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private OpenApiDocument() {
    }

    /**
     * Fails when {@code live} (the body of {@code /v3/api-docs}) differs from {@code committed}, saying how to
     * regenerate it: {@code regenerate} is the command that runs the calling test.
     */
    public static void assertMatchesCommitted(String live, Path committed, String regenerate) {
        String expected = normalised(live);
        if (Boolean.getBoolean(WRITE)) {
            write(committed, expected);
            return;
        }
        String actual = Files.exists(committed) ? normalised(read(committed)) : "";
        if (!actual.equals(expected)) {
            throw new AssertionError(committed.toAbsolutePath().normalize() + " is not the API the service serves at"
                    + " /v3/api-docs. If the change is meant, regenerate the file and commit it: " + regenerate
                    + " -D" + WRITE + "=true\n"
                    + firstDifference(actual, expected));
        }
    }

    static String normalised(String document) {
        ObjectNode root = (ObjectNode) JSON.readTree(document);
        root.remove("servers");
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(sorted(root)) + "\n";
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> members = new TreeMap<>();
            node.properties().forEach(member -> members.put(member.getKey(), sorted(member.getValue())));
            ObjectNode copy = JSON.createObjectNode();
            members.forEach(copy::set);
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            node.values().forEach(element -> copy.add(sorted(element)));
            return copy;
        }
        return node;
    }

    private static String firstDifference(String committed, String live) {
        String[] a = committed.split("\n", -1);
        String[] b = live.split("\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String was = i < a.length ? a[i] : "(end)";
            String is = i < b.length ? b[i] : "(end)";
            if (!was.equals(is)) {
                return "first difference at line " + (i + 1) + ":\n  committed: " + was.strip() + "\n  served:    " + is.strip();
            }
        }
        return "";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
