package dev.tmcp.storage;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.tmcp.test.Architecture;
import org.junit.jupiter.api.Test;

/** Layers: kv (the store's API) on top of crypto and quota; lifecycle apart; the properties below all of them. */
class ArchitectureTest {

    private static final String BASE = "dev.tmcp.storage";
    private static final JavaClasses CLASSES = Architecture.productionClasses(BASE);

    @Test
    void featurePackagesAreFreeOfCycles() {
        Architecture.featurePackagesFreeOfCycles(BASE).check(CLASSES);
    }

    @Test
    void onlyTheStoreEncrypts() {
        noClasses().that().resideInAnyPackage(BASE + ".quota..", BASE + ".lifecycle..")
                .should().dependOnClassesThat().resideInAPackage(BASE + ".crypto..")
                .because("values are encrypted and decrypted only where the key-value store writes and reads them")
                .check(CLASSES);
    }

    @Test
    void propertiesKnowNoFeature() {
        noClasses().that().resideInAPackage(BASE)
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".kv..", BASE + ".crypto..",
                        BASE + ".quota..", BASE + ".lifecycle..")
                .because("the service's properties are read by its features and know none of them")
                .check(CLASSES);
    }
}
