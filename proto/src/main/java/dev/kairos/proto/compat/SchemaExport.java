package dev.kairos.proto.compat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the current schema of every topic value record as {@code <full.Name>.avsc} (self-contained JSON, no
 * Java hints) into the given folder, which the build puts in the jar under {@code kairos/schemas/}: what a
 * client in another language reads without an Avro IDL parser. Run by the build on every package.
 */
public final class SchemaExport {

    private SchemaExport() {
    }

    public static void main(String[] args) throws IOException {
        Path folder = Files.createDirectories(Path.of(args[0]));
        for (Contract contract : Contract.ALL) {
            Files.writeString(folder.resolve(contract.fullName() + ".avsc"), SchemaRelease.releasedJson(contract.current()));
        }
    }
}
