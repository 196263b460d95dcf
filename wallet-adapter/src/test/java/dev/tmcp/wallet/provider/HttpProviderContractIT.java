package dev.tmcp.wallet.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.wallet.httpprovider.HttpWalletProvider;
import dev.tmcp.web.client.ServiceClients;
import dev.tmcp.web.internal.ServiceCredentials;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The same contract against the HTTP provider, pointed at this service's ledger served under
 * /provider/v1: every operation crosses real HTTP, JSON and the circuit breaker both ways.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tmcp.tep.jwks-uri=http://127.0.0.1:1/unused", "tmcp.wallet.sandbox-enabled=true",
        "tmcp.wallet.payment-service-secret=contract-secret-0123456789",
        "tmcp.wallet.provider-api.enabled=true", "tmcp.wallet.provider-api.key=provider-key-0123456789"})
class HttpProviderContractIT extends WalletProviderContract {

    @LocalServerPort
    int port;
    @Autowired
    ServiceClients clients;

    private HttpWalletProvider http;

    @BeforeEach
    void client() {
        http = new HttpWalletProvider(clients.create("contract-wallet", "http://127.0.0.1:" + port, Duration.ofSeconds(10)),
                new ServiceCredentials("tmcp", "provider-key-0123456789"));
    }

    @Test
    void aCallerWithoutTheProviderKeyIsRefused() {
        HttpWalletProvider stranger = new HttpWalletProvider(
                clients.create("contract-stranger", "http://127.0.0.1:" + port, Duration.ofSeconds(10)),
                new ServiceCredentials("tmcp", "not-the-provider-key-0123"));
        assertThatThrownBy(() -> stranger.ensureAccount("@mallory:contract.test").block())
                .isInstanceOfSatisfying(TmcpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TOKEN));
    }

    @Override
    WalletProvider provider() {
        return http;
    }
}
