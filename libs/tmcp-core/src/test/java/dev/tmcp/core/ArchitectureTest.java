package dev.tmcp.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.tmcp.test.Architecture;
import org.junit.jupiter.api.Test;

/** Layers: the event contracts over the value types (id, money, error, crypto); no Spring or database beneath. */
class ArchitectureTest {

    private static final String BASE = "dev.tmcp.core";
    private static final JavaClasses CLASSES = Architecture.productionClasses(BASE);

    @Test
    void featurePackagesAreFreeOfCycles() {
        Architecture.featurePackagesFreeOfCycles(BASE).check(CLASSES);
    }

    @Test
    void valueTypesKnowNoEvent() {
        noClasses().that().resideInAnyPackage(BASE + ".id..", BASE + ".money..", BASE + ".error..", BASE + ".crypto..")
                .should().dependOnClassesThat().resideInAPackage(BASE + ".event..")
                .because("events are contracts built from ids and money, never the other way round")
                .check(CLASSES);
    }

    @Test
    void coreKnowsNoSpringOrDatabase() {
        noClasses().that().resideInAPackage(BASE + "..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..",
                        "io.r2dbc..", "dev.tmcp.web..")
                .because("tmcp-core holds the contracts every service shares, without Spring or a database")
                .check(CLASSES);
    }
}
