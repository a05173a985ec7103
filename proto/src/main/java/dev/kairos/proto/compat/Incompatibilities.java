package dev.kairos.proto.compat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityResult;
import org.apache.avro.SchemaCompatibility.SchemaIncompatibilityType;

/**
 * Why a reader schema cannot read a writer schema, with each reason tied to the field it concerns.
 *
 * <p>Avro reports a location as a JSON pointer into the reader schema ({@code /fields/8/type/fields/1}),
 * and stops at a union: a record inside {@code union { null, FrequencyCap }} that gained a field shows up
 * only as a union lacking a branch. Following the pointer over both schemas gives the field path, and
 * checking the matching union branches again reaches the field inside.
 */
final class Incompatibilities {

    /**
     * @param field      dotted path from the top record, e.g. {@code formOfAddress.nickname}; empty for
     *                   the top record itself
     * @param record     full name of the record declaring the last field of the path
     * @param readerType the field's type in the reader, null when the reader lacks the field
     * @param writerType the field's type in the writer, null when the writer lacks the field
     * @param detail     Avro's message: the field name, missing enum symbols, expected name or size
     */
    record Finding(SchemaIncompatibilityType type, String field, String record, Schema readerType,
                   Schema writerType, String detail) {
    }

    private Incompatibilities() {
    }

    static List<Finding> of(Schema reader, Schema writer) {
        List<Finding> findings = new ArrayList<>();
        collect(Position.top(reader, writer), findings);
        return findings;
    }

    private static void collect(Position start, List<Finding> findings) {
        SchemaCompatibilityResult result =
                SchemaCompatibility.checkReaderWriterCompatibility(start.reader, start.writer).getResult();
        for (Incompatibility incompatibility : result.getIncompatibilities()) {
            Position at = start.follow(incompatibility.getLocation());
            Optional<Schema> sameBranch = incompatibility.getType() == SchemaIncompatibilityType.MISSING_UNION_BRANCH
                    ? readerBranchLike(at.reader, at.writer)
                    : Optional.empty();
            if (sameBranch.isPresent()) {
                collect(at.descend(sameBranch.get(), at.writer), findings);
            } else {
                findings.add(new Finding(incompatibility.getType(), at.field, at.record,
                        at.fieldReaderType, at.fieldWriterType, incompatibility.getMessage()));
            }
        }
    }

    /** The reader union's branch that data of the writer branch would resolve to, if it has one. */
    private static Optional<Schema> readerBranchLike(Schema readerUnion, Schema writerBranch) {
        if (readerUnion.getType() != Schema.Type.UNION || writerBranch.getType() == Schema.Type.UNION) {
            return Optional.empty();
        }
        return readerUnion.getTypes().stream()
                .filter(branch -> branch.getType() == writerBranch.getType())
                .filter(branch -> !isNamed(branch) || SchemaCompatibility.schemaNameEquals(branch, writerBranch))
                .findFirst();
    }

    private static boolean isNamed(Schema schema) {
        return switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> true;
            default -> false;
        };
    }

    /** A node reached in both schemas, and the field that led there. */
    private record Position(Schema reader, Schema writer, String field, String record,
                            Schema fieldReaderType, Schema fieldWriterType) {

        static Position top(Schema reader, Schema writer) {
            return new Position(reader, writer, "", reader.getFullName(), reader, writer);
        }

        Position descend(Schema readerNode, Schema writerNode) {
            return new Position(readerNode, writerNode, field, record, fieldReaderType, fieldWriterType);
        }

        /**
         * Follows Avro's pointer, whose tokens are {@code fields/<reader field index>}, {@code type},
         * {@code items}, {@code values}, a writer union branch index, or a final name, symbols or size.
         */
        Position follow(String location) {
            Position at = this;
            String[] tokens = location.split("/");
            for (int i = 1; i < tokens.length; i++) {
                switch (tokens[i]) {
                    case "fields" -> at = at.field(Integer.parseInt(tokens[++i]));
                    case "type" -> at = at.descend(at.fieldReaderType, at.fieldWriterType);
                    case "items" -> at = at.descend(at.reader.getElementType(), at.writer.getElementType());
                    case "values" -> at = at.descend(at.reader.getValueType(), at.writer.getValueType());
                    case "name", "symbols", "size" -> {
                        return at;
                    }
                    default -> at = at.descend(at.reader, at.writer.getTypes().get(Integer.parseInt(tokens[i])));
                }
            }
            return at;
        }

        private Position field(int readerIndex) {
            Schema.Field readerField = reader.getFields().get(readerIndex);
            Schema.Field writerField = SchemaCompatibility.lookupWriterField(writer, readerField);
            String path = field.isEmpty() ? readerField.name() : field + "." + readerField.name();
            return new Position(reader, writer, path, reader.getFullName(), readerField.schema(),
                    writerField == null ? null : writerField.schema());
        }
    }
}
