package dev.tmcp.wallet;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.tmcp.test.Architecture;
import org.junit.jupiter.api.Test;

/**
 * wallet-adapter's layers: the TMCP-facing controllers and the two Wallet Service implementations
 * (the built-in {@code ledger}, the operator's {@code httpprovider}) all depend on the {@code provider}
 * SPI, which depends on none of them.
 */
class ArchitectureTest {

    private static final String BASE = "dev.tmcp.wallet";
    private static final String[] CONTROLLERS = {BASE + ".account..", BASE + ".auth..", BASE + ".balance..",
            BASE + ".external..", BASE + ".history..", BASE + ".hold..", BASE + ".mfa..", BASE + ".transfer..",
            BASE + ".withdrawal.."};
    private static final String LEDGER = BASE + ".ledger..";
    private static final String HTTP_PROVIDER = BASE + ".httpprovider..";
    private static final JavaClasses CLASSES = Architecture.productionClasses(BASE);

    @Test
    void featurePackagesHaveNoCycles() {
        Architecture.featurePackagesFreeOfCycles(BASE).check(CLASSES);
    }

    @Test
    void theLedgersOwnPackagesHaveNoCycles() {
        slices().matching(BASE + ".ledger.(*)..").namingSlices("ledger $1").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void theSpiDependsOnNothingElseInTheService() {
        noClasses().that().resideInAPackage(BASE + ".provider..").should().dependOnClassesThat()
                .resideInAnyPackage(concat(CONTROLLERS, LEDGER, HTTP_PROVIDER, BASE + ".input..", BASE + ".roomcontext..",
                        BASE + ".security.."))
                .because("the SPI is what both implementations and the controllers share").check(CLASSES);
    }

    @Test
    void controllersDependOnTheSpiNotOnAnImplementation() {
        noClasses().that().resideInAnyPackage(CONTROLLERS).should().dependOnClassesThat()
                .resideInAnyPackage(LEDGER, HTTP_PROVIDER)
                .because("an operator's wallet must serve every TMCP endpoint the built-in ledger serves").check(CLASSES);
    }

    @Test
    void theLedgerDependsOnNoController() {
        noClasses().that().resideInAPackage(LEDGER).should().dependOnClassesThat()
                .resideInAnyPackage(concat(CONTROLLERS, HTTP_PROVIDER))
                .because("the built-in ledger is one implementation of the SPI, usable without the TMCP endpoints")
                .check(CLASSES);
    }

    @Test
    void theHttpProviderDependsOnNoControllerAndNotOnTheLedger() {
        noClasses().that().resideInAPackage(HTTP_PROVIDER).should().dependOnClassesThat()
                .resideInAnyPackage(concat(CONTROLLERS, LEDGER))
                .because("the operator's wallet is reached only through its HTTP contract").check(CLASSES);
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
