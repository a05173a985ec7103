package dev.kairos.preferences;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.stereotype.Service;

@AnalyzeClasses(packages = "dev.kairos.preferences", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] DOMAIN = {
            "dev.kairos.preferences.common", "dev.kairos.preferences.topics", "dev.kairos.preferences.customers",
            "dev.kairos.preferences.consents", "dev.kairos.preferences.contacts", "dev.kairos.preferences.pages"};

    @ArchTest
    static final ArchRule domainKnowsNoInfrastructure = noClasses().that().resideInAnyPackage(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.avro..", "dev.kairos.proto..",
                    "org.apache.kafka..", "org.springframework.jdbc..", "org.springframework.web..",
                    "org.springframework.http..", "java.sql..", "tools.jackson..", "com.fasterxml.jackson..");

    @ArchTest
    static final ArchRule domainIsPlainJavaApartFromApplicationServices = noClasses().that()
            .resideInAnyPackage(DOMAIN).and().areNotAnnotatedWith(Service.class)
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..");

    @ArchTest
    static final ArchRule avroRecordsStayInMessagingAdapters = noClasses().that()
            .resideOutsideOfPackage("..messaging..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.kairos.proto..");
}
