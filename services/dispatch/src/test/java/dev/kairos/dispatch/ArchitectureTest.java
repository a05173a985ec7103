package dev.kairos.dispatch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.kairos.dispatch", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /**
     * The decision and the rendering are plain Java: a pure function of what they are given, testable without a
     * broker, a Spring context or a generated Avro class.
     */
    @ArchTest
    static final ArchRule decisionAndRenderingHaveNoInfrastructure = noClasses()
            .that().resideInAnyPackage("dev.kairos.dispatch.decision..", "dev.kairos.dispatch.rendering..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                    "org.apache.avro..", "dev.kairos.proto..", "io.micrometer..", "tools.jackson..")
            .because("the decision is a pure function (ADR 0007)");

    /** The controllers ask the query port; only the engine knows that Kafka Streams holds the stores. */
    @ArchTest
    static final ArchRule controllersQueryThroughThePort = noClasses()
            .that().resideInAnyPackage("dev.kairos.dispatch.requests..", "dev.kairos.dispatch.customers..",
                    "dev.kairos.dispatch.templates..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.kairos.dispatch.engine..",
                    "org.apache.kafka.streams..");

    /** The port is an interface of plain look-ups: it knows neither the engine nor Kafka Streams. */
    @ArchTest
    static final ArchRule thePortKnowsNoEngine = noClasses()
            .that().resideInAPackage("dev.kairos.dispatch.queries..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.kairos.dispatch.engine..",
                    "org.apache.kafka..");

    /** The decision engine and the channel senders are two consumers of Kafka: neither calls the other. */
    @ArchTest
    static final ArchRule theEngineCallsNoSender = noClasses()
            .that().resideInAPackage("dev.kairos.dispatch.engine..")
            .should().dependOnClassesThat().resideInAPackage("dev.kairos.dispatch.channels..");

    @ArchTest
    static final ArchRule theSendersCallNoEngine = noClasses()
            .that().resideInAPackage("dev.kairos.dispatch.channels..")
            .should().dependOnClassesThat().resideInAPackage("dev.kairos.dispatch.engine..");

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices()
            .matching("dev.kairos.dispatch.(*)..")
            .should().beFreeOfCycles();
}
