package dev.tmcp.wallet;

import dev.tmcp.wallet.httpprovider.HttpWalletProvider;
import dev.tmcp.wallet.ledger.Ledger;
import dev.tmcp.wallet.ledger.account.ActivationService;
import dev.tmcp.wallet.ledger.account.WalletAccounts;
import dev.tmcp.wallet.ledger.account.WalletRepository;
import dev.tmcp.wallet.ledger.external.ExternalAccounts;
import dev.tmcp.wallet.ledger.history.TransactionHistory;
import dev.tmcp.wallet.ledger.hold.Holds;
import dev.tmcp.wallet.ledger.mfa.MfaChallenges;
import dev.tmcp.wallet.ledger.proof.AuthProofs;
import dev.tmcp.wallet.ledger.provider.LedgerWalletProvider;
import dev.tmcp.wallet.ledger.transfer.Transfers;
import dev.tmcp.wallet.ledger.withdrawal.Withdrawals;
import dev.tmcp.wallet.provider.WalletProvider;
import dev.tmcp.web.client.ServiceClients;
import dev.tmcp.web.internal.ServiceCredentials;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/** Which Wallet Service this deployment uses: {@code tmcp.wallet.provider} = {@code ledger} (default) or {@code http}. */
@Configuration
class ProviderConfiguration {

    @Bean
    LedgerWalletProvider ledgerWalletProvider(WalletAccounts accounts, WalletRepository wallets, Ledger ledger,
            ActivationService activation, TransactionHistory history, AuthProofs proofs, Holds holds, Transfers transfers,
            ExternalAccounts external, Withdrawals withdrawals, MfaChallenges challenges, WalletProperties properties) {
        return new LedgerWalletProvider(accounts, wallets, ledger, activation, history, proofs, holds, transfers, external,
                withdrawals, challenges, properties);
    }

    @Bean
    @Primary
    WalletProvider walletProvider(@Value("${tmcp.wallet.provider:ledger}") String provider, LedgerWalletProvider ledger,
            ServiceClients clients, @Value("${tmcp.wallet.http-provider.url:}") String url,
            @Value("${tmcp.wallet.http-provider.key:}") String key) {
        return switch (provider) {
            case "ledger" -> ledger;
            case "http" -> {
                if (url.isBlank()) {
                    throw new IllegalStateException("TMCP_WALLET_PROVIDER_URL must be set for the http wallet provider");
                }
                yield new HttpWalletProvider(clients.create("wallet-provider", url, Duration.ofSeconds(10)),
                        new ServiceCredentials("tmcp", key));
            }
            default -> throw new IllegalStateException("tmcp.wallet.provider must be ledger or http, not " + provider);
        };
    }
}
