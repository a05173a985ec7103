package dev.kairos.proto.compat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.avro.Schema;

import dev.kairos.proto.compat.Contract.Cleanup;
import dev.kairos.proto.compat.Incompatibilities.Finding;
import dev.kairos.proto.serde.ReleasedSchema;
import dev.kairos.proto.serde.ReleasedSchemas;

/**
 * The build gate: fails when the current schema of a topic value cannot read data written by a
 * released version (backward) or, for compacted topics, when a released version cannot read data
 * written by the current schema (forward). Run by Maven in process-classes with the released folder as
 * its only argument.
 */
public final class CompatibilityCheck {

    private CompatibilityCheck() {
    }

    public static void main(String[] args) throws IOException {
        Path releasedFolder = Path.of(args[0]);
        ReleasedSchemas released = ReleasedSchemas.inFolder(releasedFolder);
        List<String> problems = new ArrayList<>(problems(Contract.ALL, released));
        Path index = releasedFolder.resolve(ReleasedSchemas.INDEX_FILE);
        if (!Files.isRegularFile(index) || !Files.readString(index).equals(released.index())) {
            problems.add(index + " does not match the released schema files: released files are never edited"
                    + " or deleted, and new ones come from the release command, which rewrites the index");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(problems.size() + " schema compatibility problem(s):\n"
                    + String.join("\n", problems));
        }
    }

    static List<String> problems(List<Contract> contracts, ReleasedSchemas released) {
        List<String> problems = new ArrayList<>();
        for (Contract contract : contracts) {
            for (ReleasedSchema version : released.versionsOf(contract.fullName())) {
                Incompatibilities.of(contract.current(), version.schema()).forEach(finding ->
                        problems.add(contract.fullName() + ": " + backward(finding, version.version())));
                if (contract.cleanup() == Cleanup.COMPACT) {
                    Incompatibilities.of(version.schema(), contract.current()).forEach(finding ->
                            problems.add(contract.fullName() + ": " + forward(finding, version.version())));
                }
            }
        }
        // A union field reports each writer branch it cannot read; one line per field is enough.
        return problems.stream().distinct().toList();
    }

    /** The current schema reads data of released version {@code v}: the writer is the old side. */
    private static String backward(Finding finding, int v) {
        String consequence = "; data written by released v" + v + " cannot be read";
        return switch (finding.type()) {
            case READER_FIELD_MISSING_DEFAULT_VALUE -> where(finding) + " was added without a default" + consequence;
            case MISSING_ENUM_SYMBOLS -> where(finding) + " lost enum symbols " + finding.detail() + consequence;
            default -> where(finding) + changed(finding, finding.writerType(), finding.readerType()) + consequence;
        };
    }

    /** Released version {@code v} reads data of the current schema: the reader is the old side. */
    private static String forward(Finding finding, int v) {
        return switch (finding.type()) {
            case READER_FIELD_MISSING_DEFAULT_VALUE -> where(finding) + " was removed; released v" + v
                    + " readers of this compacted topic need it";
            case MISSING_ENUM_SYMBOLS -> where(finding) + " gained enum symbols " + finding.detail()
                    + "; released v" + v + " readers of this compacted topic do not know them";
            default -> where(finding) + changed(finding, finding.readerType(), finding.writerType())
                    + "; released v" + v + " readers of this compacted topic cannot read it";
        };
    }

    private static String where(Finding finding) {
        if (finding.field().isEmpty()) {
            return "the record";
        }
        String nested = finding.field().contains(".") ? " (in " + finding.record() + ")" : "";
        return "field '" + finding.field() + "'" + nested;
    }

    private static String changed(Finding finding, Schema before, Schema after) {
        return switch (finding.type()) {
            case NAME_MISMATCH -> " changed type from " + describe(before) + " to " + describe(after)
                    + " (a renamed type needs the old name as an alias)";
            case FIXED_SIZE_MISMATCH -> " changed its fixed size (" + finding.detail() + ")";
            default -> " changed type from " + describe(before) + " to " + describe(after);
        };
    }

    /** Types as the IDL writes them, so the message reads like the .avdl being edited. */
    private static String describe(Schema schema) {
        return switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> schema.getName();
            case ARRAY -> "array<" + describe(schema.getElementType()) + ">";
            case MAP -> "map<" + describe(schema.getValueType()) + ">";
            case UNION -> schema.getTypes().stream().map(CompatibilityCheck::describe)
                    .collect(Collectors.joining(", ", "union { ", " }"));
            default -> schema.getLogicalType() != null
                    ? schema.getLogicalType().getName()
                    : schema.getType().getName();
        };
    }
}
