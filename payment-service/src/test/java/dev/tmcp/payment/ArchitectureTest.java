package dev.tmcp.payment;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.tmcp.test.Architecture;
import org.junit.jupiter.api.Test;

/** Layers: the flows (payment, refund, p2p, gift) on top of the wallet client, room membership and failure counts. */
class ArchitectureTest {

    private static final String BASE = "dev.tmcp.payment";
    private static final JavaClasses CLASSES = Architecture.productionClasses(BASE);

    @Test
    void featurePackagesAreFreeOfCycles() {
        Architecture.featurePackagesFreeOfCycles(BASE).check(CLASSES);
    }

    @Test
    void buildingBlocksKnowNoFlow() {
        noClasses().that().resideInAnyPackage(BASE + ".wallet..", BASE + ".rooms..", BASE + ".failures..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".payment..", BASE + ".refund..",
                        BASE + ".p2p..", BASE + ".gift..", BASE + ".callback..", BASE + ".stuck..")
                .because("every flow calls the wallet and checks room membership; those building blocks know no flow")
                .check(CLASSES);
    }

    @Test
    void paymentsKnowNoRefundOrOtherFlow() {
        noClasses().that().resideInAPackage(BASE + ".payment..")
                .should().dependOnClassesThat()
                .resideInAnyPackage(BASE + ".refund..", BASE + ".p2p..", BASE + ".gift..")
                .because("a refund builds on a settled payment, never the other way round")
                .check(CLASSES);
    }
}
