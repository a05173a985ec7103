package dev.kairos.proto.compat;

import java.util.function.Consumer;

import org.apache.avro.Schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.kairos.proto.serde.ReleasedSchemas;

/** Builds the next version of a schema the way someone editing the .avdl would change it. */
final class SchemaEdits {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemaEdits() {
    }

    /** A base for edits that stays put as the IDL moves on: released files never change. */
    static Schema releasedV1(String fullName) {
        return ReleasedSchemas.onClasspath().versionsOf(fullName).get(0).schema();
    }

    static Schema addField(Schema schema, String typeName, String fieldJson) {
        return edit(schema, typeName, definition -> ((ArrayNode) definition.get("fields")).add(parse(fieldJson)));
    }

    static Schema removeField(Schema schema, String typeName, String fieldName) {
        return edit(schema, typeName, definition -> {
            ArrayNode fields = (ArrayNode) definition.get("fields");
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i).get("name").asText().equals(fieldName)) {
                    fields.remove(i);
                    return;
                }
            }
            throw new IllegalArgumentException(typeName + " has no field " + fieldName);
        });
    }

    static Schema replaceFieldType(Schema schema, String typeName, String fieldName, String typeJson) {
        return edit(schema, typeName, definition -> definition.get("fields").forEach(field -> {
            if (field.get("name").asText().equals(fieldName)) {
                ((ObjectNode) field).set("type", parse(typeJson));
            }
        }));
    }

    static Schema removeSymbol(Schema schema, String enumName, String symbol) {
        return edit(schema, enumName, definition -> {
            ArrayNode symbols = (ArrayNode) definition.get("symbols");
            for (int i = 0; i < symbols.size(); i++) {
                if (symbols.get(i).asText().equals(symbol)) {
                    symbols.remove(i);
                    return;
                }
            }
        });
    }

    /** Applies the change to the definition of the named type (by simple name), wherever it sits. */
    private static Schema edit(Schema schema, String typeName, Consumer<ObjectNode> change) {
        JsonNode tree = parse(schema.toString());
        ObjectNode definition = find(tree, typeName);
        if (definition == null) {
            throw new IllegalArgumentException(schema.getFullName() + " defines no type " + typeName);
        }
        change.accept(definition);
        return new Schema.Parser().parse(tree.toString());
    }

    private static ObjectNode find(JsonNode node, String typeName) {
        boolean definesType = node.has("fields") || node.has("symbols");
        if (definesType && node.path("name").asText().equals(typeName)) {
            return (ObjectNode) node;
        }
        for (JsonNode child : node) {
            ObjectNode found = find(child, typeName);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}
