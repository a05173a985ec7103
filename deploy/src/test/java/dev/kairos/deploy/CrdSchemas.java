package dev.kairos.deploy;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The kinds of the operators Kairos needs (Strimzi, CloudNativePG, Prometheus Operator), checked against the
 * OpenAPI schemas of their CustomResourceDefinitions (test resources {@code crds/}, copied from the
 * operators' releases): a field the schema does not declare fails, as the API server's pruning would drop
 * it silently; a wrong type, a missing required field or a value outside an enum fails too.
 */
final class CrdSchemas {

    private static final List<String> FILES = List.of("strimzi-040-Crd-kafka.yaml", "strimzi-043-Crd-kafkatopic.yaml",
            "strimzi-044-Crd-kafkauser.yaml", "strimzi-045-Crd-kafkanodepool.yaml", "cnpg-clusters.yaml",
            "prometheus-operator-prometheusrules.yaml", "prometheus-operator-servicemonitors.yaml");

    /** Schema by "group/version kind". */
    private final Map<String, JsonNode> schemas = new HashMap<>();

    CrdSchemas() {
        for (String file : FILES) {
            JsonNode crd = Yaml.documents(read("crds/" + file)).get(0);
            String group = crd.path("spec").path("group").asString();
            String kind = crd.path("spec").path("names").path("kind").asString();
            for (JsonNode version : crd.path("spec").path("versions")) {
                if (version.path("served").asBoolean()) {
                    schemas.put(group + "/" + version.path("name").asString() + " " + kind,
                            version.path("schema").path("openAPIV3Schema"));
                }
            }
        }
    }

    boolean knowsGroupOf(JsonNode resource) {
        String group = resource.path("apiVersion").asString().split("/")[0];
        return schemas.keySet().stream().anyMatch(key -> key.startsWith(group + "/"));
    }

    List<String> problems(JsonNode resource) {
        String name = resource.path("kind").asString() + "/" + resource.path("metadata").path("name").asString();
        JsonNode schema = schemas.get(resource.path("apiVersion").asString() + " " + resource.path("kind").asString());
        if (schema == null) {
            return List.of(name + ": " + resource.path("apiVersion").asString() + " is not served by the operator's CRD");
        }
        List<String> problems = new ArrayList<>();
        // metadata is a plain object in every CRD schema: the API server checks it as ObjectMeta, not the schema.
        ObjectNode withoutMetadata = (ObjectNode) resource.deepCopy();
        withoutMetadata.putObject("metadata");
        validate(withoutMetadata, schema, name, problems);
        return problems;
    }

    private static void validate(JsonNode node, JsonNode schema, String path, List<String> problems) {
        if (schema.path("x-kubernetes-int-or-string").asBoolean()) {
            if (!node.isIntegralNumber() && !node.isString()) {
                problems.add(path + ": expected an integer or a string");
            }
            return;
        }
        if (schema.has("enum") && !contains(schema.path("enum"), node)) {
            problems.add(path + ": " + node + " is none of " + schema.path("enum"));
        }
        switch (schema.path("type").asString("")) {
            case "object" -> object(node, schema, path, problems);
            case "array" -> {
                if (!node.isArray()) {
                    problems.add(path + ": expected an array");
                    return;
                }
                for (int i = 0; i < node.size(); i++) {
                    validate(node.get(i), schema.path("items"), path + "[" + i + "]", problems);
                }
            }
            case "string" -> expect(node.isString(), "a string", path, problems);
            case "integer" -> expect(node.isIntegralNumber(), "an integer", path, problems);
            case "number" -> expect(node.isNumber(), "a number", path, problems);
            case "boolean" -> expect(node.isBoolean(), "a boolean", path, problems);
            default -> {
                // No type: anything goes (x-kubernetes-preserve-unknown-fields at the root of a value).
            }
        }
    }

    private static void object(JsonNode node, JsonNode schema, String path, List<String> problems) {
        if (!node.isObject()) {
            problems.add(path + ": expected an object");
            return;
        }
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.path("additionalProperties");
        boolean preserveUnknown = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean();
        for (JsonNode required : schema.path("required")) {
            if (!node.has(required.asString())) {
                problems.add(path + ": missing required field " + required.asString());
            }
        }
        node.properties().forEach(field -> {
            String fieldPath = path + "." + field.getKey();
            if (properties.has(field.getKey())) {
                validate(field.getValue(), properties.get(field.getKey()), fieldPath, problems);
            } else if (additional.isObject()) {
                validate(field.getValue(), additional, fieldPath, problems);
            } else if (!preserveUnknown && !additional.asBoolean(false)) {
                problems.add(fieldPath + ": unknown field");
            }
        });
    }

    private static void expect(boolean holds, String what, String path, List<String> problems) {
        if (!holds) {
            problems.add(path + ": expected " + what);
        }
    }

    private static boolean contains(JsonNode values, JsonNode node) {
        for (JsonNode value : values) {
            if (value.equals(node) || value.asString().equals(node.asString())) {
                return true;
            }
        }
        return false;
    }

    private static String read(String resource) {
        try (InputStream in = CrdSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
