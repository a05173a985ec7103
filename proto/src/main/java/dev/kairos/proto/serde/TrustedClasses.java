package dev.kairos.proto.serde;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Since 1.12.2 Avro loads a class named by a schema only when it is trusted (CVE-2024-47561), and by
 * default trusts none of ours, so decoding a generated record fails. Each serde trusts exactly the
 * generated classes its record is made of, so no service has to set the
 * {@code org.apache.avro.SERIALIZABLE_*} system properties.
 */
final class TrustedClasses {

    private static final Set<String> NAMES = ConcurrentHashMap.newKeySet();

    static {
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(
                ClassSecurityValidator.getGlobal(), type -> NAMES.contains(type.getName())));
    }

    private TrustedClasses() {
    }

    static void trustClassesOf(Schema schema) {
        switch (schema.getType()) {
            case RECORD -> {
                if (NAMES.add(SpecificData.getClassName(schema))) {
                    schema.getFields().forEach(field -> trustClassesOf(field.schema()));
                }
            }
            case ENUM, FIXED -> NAMES.add(SpecificData.getClassName(schema));
            case ARRAY -> trustClassesOf(schema.getElementType());
            case MAP -> trustClassesOf(schema.getValueType());
            case UNION -> schema.getTypes().forEach(TrustedClasses::trustClassesOf);
            default -> {
                // Primitive types map to JDK classes Avro trusts already.
            }
        }
    }
}
