package dev.kairos.compliance;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.kairos.compliance.consents.ConsentService;
import dev.kairos.compliance.ledger.Ledger;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Service;

@AnalyzeClasses(packages = "dev.kairos.compliance", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The domain is plain Java; only the application services (@Service) and their wiring know Spring and metrics. */
    @ArchTest
    static final ArchRule domainLogicHasNoInfrastructure = noClasses()
            .that().resideInAnyPackage("dev.kairos.compliance.addresses", "dev.kairos.compliance.ledger",
                    "dev.kairos.compliance.consents", "dev.kairos.compliance.expiry", "dev.kairos.compliance.activities",
                    "dev.kairos.compliance.audit", "dev.kairos.compliance.rules",
                    "dev.kairos.compliance.acknowledgements")
            .and().areNotAnnotatedWith(Service.class)
            .and().areNotAnnotatedWith(Configuration.class)
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                    "org.apache.avro..", "dev.kairos.proto..", "java.sql..", "javax.sql..", "io.micrometer..",
                    "tools.jackson..");

    /**
     * Every consent change, whatever its origin, goes through the grant policy: nothing but
     * {@code ConsentService#apply} appends to the ledger, so the ledger cannot hold a grant the policy refuses.
     */
    @ArchTest
    static final ArchRule onlyTheConsentPathAppendsToTheLedger = noClasses()
            .should().callMethodWhere(new DescribedPredicate<JavaMethodCall>(
                    "an append to the Ledger from anywhere but ConsentService#apply") {
                @Override
                public boolean test(JavaMethodCall call) {
                    return call.getTargetOwner().isEquivalentTo(Ledger.class)
                            && call.getName().startsWith("append")
                            && !(call.getOriginOwner().isEquivalentTo(ConsentService.class)
                                    && call.getOrigin().getName().equals("apply"));
                }
            });

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
