package dev.tmcp.wallet.provider;

import dev.tmcp.wallet.ledger.provider.LedgerWalletProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The contract against the built-in ledger, called in-process. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tmcp.tep.jwks-uri=http://127.0.0.1:1/unused", "tmcp.wallet.sandbox-enabled=true",
        "tmcp.wallet.payment-service-secret=contract-secret-0123456789",
        "tmcp.wallet.provider-api.enabled=true", "tmcp.wallet.provider-api.key=provider-key-0123456789"})
class LedgerProviderContractIT extends WalletProviderContract {

    @Autowired
    LedgerWalletProvider ledger;

    @Override
    WalletProvider provider() {
        return ledger;
    }
}
