package dev.kairos.proto.serde;

import org.apache.avro.Schema;

/** One released version of a topic value record, as kept in {@code proto/released}. */
public record ReleasedSchema(int version, Schema schema) {

    public String fullName() {
        return schema.getFullName();
    }

    /** Where the version lives, relative to the released folder: {@code <full.Name>/v<N>.avsc}. */
    public String path() {
        return fullName() + "/v" + version + ".avsc";
    }

    /** The fingerprint a single-object message written with this version carries. */
    public String fingerprint() {
        return Fingerprints.of(schema);
    }
}
