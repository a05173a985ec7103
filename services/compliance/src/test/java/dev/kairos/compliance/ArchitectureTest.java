package dev.kairos.compliance;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Service;

@AnalyzeClasses(packages = "dev.kairos.compliance", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The domain is plain Java; only the application services (@Service) and their wiring know Spring and metrics. */
    @ArchTest
    static final ArchRule domainLogicHasNoInfrastructure = noClasses()
            .that().resideInAnyPackage("dev.kairos.compliance.addresses", "dev.kairos.compliance.ledger",
                    "dev.kairos.compliance.consents", "dev.kairos.compliance.expiry", "dev.kairos.compliance.activities",
                    "dev.kairos.compliance.audit")
            .and().areNotAnnotatedWith(Service.class)
            .and().areNotAnnotatedWith(Configuration.class)
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                    "org.apache.avro..", "dev.kairos.proto..", "java.sql..", "javax.sql..", "io.micrometer..",
                    "tools.jackson..");

    /** Generated Avro classes never leak past the messaging adapters. */
    @ArchTest
    static final ArchRule avroStaysInMessaging = noClasses()
            .that().resideOutsideOfPackage("..messaging..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.kairos.proto..", "org.apache.avro..");

    /** Adapters depend on their feature, never on each other. */
    @ArchTest
    static final ArchRule adaptersAreIndependent = slices()
            .matching("dev.kairos.compliance.(*).(*)..")
            .should().notDependOnEachOther();

    @ArchTest
    static final ArchRule featuresDoNotDependOnEachOtherInCycles = slices()
            .matching("dev.kairos.compliance.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule onlyPersistenceTouchesTheDatabase = noClasses()
            .that().resideOutsideOfPackage("..persistence..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "java.sql..");

    @ArchTest
    static final ArchRule adaptersAreNotPublic = classes()
            .that().resideInAnyPackage("..persistence..", "..messaging..")
            .should().notBePublic();
}
