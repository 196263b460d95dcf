package dev.tmcp.wallet.provider;

import dev.tmcp.wallet.WalletProperties;
import dev.tmcp.wallet.account.ActivationService;
import dev.tmcp.wallet.account.WalletAccounts;
import dev.tmcp.wallet.account.WalletRepository;
import dev.tmcp.wallet.auth.AuthProofs;
import dev.tmcp.wallet.external.ExternalAccounts;
import dev.tmcp.wallet.history.TransactionHistory;
import dev.tmcp.wallet.hold.Holds;
import dev.tmcp.wallet.ledger.Ledger;
import dev.tmcp.wallet.mfa.MfaChallenges;
import dev.tmcp.wallet.provider.http.HttpWalletProvider;
import dev.tmcp.wallet.provider.ledger.LedgerWalletProvider;
import dev.tmcp.wallet.transfer.Transfers;
import dev.tmcp.wallet.withdrawal.Withdrawals;
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
