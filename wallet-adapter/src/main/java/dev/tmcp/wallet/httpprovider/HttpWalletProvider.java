package dev.tmcp.wallet.httpprovider;

import dev.tmcp.core.money.Money;
import dev.tmcp.wallet.provider.WalletProvider;
import dev.tmcp.web.client.ServiceClient;
import dev.tmcp.web.internal.ServiceCredentials;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Mono;

/**
 * An operator's Wallet Service over HTTP, per docs/wallet-provider-openapi.yaml. Calls go through a
 * circuit breaker with the spec's parameters (7.7.2); the wallet's 12.1 errors come back as the
 * same {@code TmcpException}s the ledger raises, its outages as SERVICE_UNAVAILABLE.
 */
public class HttpWalletProvider implements WalletProvider {

    private final ServiceClient wallet;
    private final ServiceCredentials credentials;

    public HttpWalletProvider(ServiceClient wallet, ServiceCredentials credentials) {
        this.wallet = wallet;
        this.credentials = credentials;
    }

    private <T> Mono<T> send(HttpMethod method, String path, Object body, Class<T> type, Object... uriVariables) {
        return wallet.call(web -> {
            var spec = web.method(method).uri("/provider/v1" + path, uriVariables)
                    .header(HttpHeaders.AUTHORIZATION, credentials.basicHeader());
            return (body == null ? spec : spec.bodyValue(body)).retrieve().bodyToMono(type);
        });
    }

    private static Map<String, Object> money(Money amount, Object... pairs) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (amount != null) {
            body.put("amount", amount.toDecimal());
            body.put("currency", amount.currencyCode());
        }
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                body.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return body;
    }

    @Override
    public Mono<Account> ensureAccount(String userId) {
        return send(HttpMethod.PUT, "/accounts/{user}", Map.of(), Account.class, userId);
    }

    @Override
    public Mono<Account> account(String userId) {
        return send(HttpMethod.GET, "/accounts/{user}", null, Account.class, userId)
                .onErrorResume(e -> e instanceof dev.tmcp.core.error.TmcpException t
                        && t.code() == dev.tmcp.core.error.ErrorCode.WALLET_NOT_FOUND, e -> Mono.empty());
    }

    record AccountList(List<Account> accounts) {
    }

    @Override
    public Mono<List<Account>> accounts(List<String> userIds) {
        return send(HttpMethod.POST, "/accounts/query", Map.of("user_ids", userIds), AccountList.class)
                .map(AccountList::accounts);
    }

    @Override
    public Mono<Account> register(String userId, String currency, BigDecimal dailyLimit) {
        return send(HttpMethod.POST, "/accounts/{user}/register", money(null, "currency", currency, "daily_limit", dailyLimit),
                Account.class, userId);
    }

    @Override
    public Mono<Activation> activate(String userId, ActivationData data) {
        return send(HttpMethod.POST, "/accounts/{user}/activation", data, Activation.class, userId);
    }

    @Override
    public Mono<Balance> balance(String userId) {
        return send(HttpMethod.GET, "/accounts/{user}/balance", null, Balance.class, userId);
    }

    @Override
    public Mono<HistoryPage> history(String userId, int limit, int offset) {
        return send(HttpMethod.GET, "/accounts/{user}/transactions?limit={limit}&offset={offset}", null, HistoryPage.class,
                userId, limit, offset);
    }

    @Override
    public Mono<Verification> verification(String userId) {
        return send(HttpMethod.GET, "/accounts/{user}/verification", null, Verification.class, userId);
    }

    @Override
    public Mono<AuthPolicy> authPolicy(String userId, Money amount) {
        return send(HttpMethod.GET, "/accounts/{user}/auth-policy?amount={amount}&currency={currency}", null,
                AuthPolicy.class, userId, amount.toDecimal().toPlainString(), amount.currencyCode());
    }

    record Verified(String method) {
    }

    @Override
    public Mono<String> verifyProof(String userId, String method, Map<String, Object> proof, String message) {
        return send(HttpMethod.POST, "/accounts/{user}/proofs", money(null, "method", method, "proof", proof,
                "message", message), Verified.class, userId).map(Verified::method);
    }

    record Secret(String secret) {

        @Override
        public String toString() {
            return "Secret[<redacted>]";
        }
    }

    @Override
    public Mono<String> enrollTotp(String userId) {
        return send(HttpMethod.POST, "/accounts/{user}/totp", Map.of(), Secret.class, userId).map(Secret::secret);
    }

    @Override
    public Mono<Hold> hold(String userId, String reference, Money amount, String purpose) {
        return send(HttpMethod.POST, "/holds", money(amount, "user_id", userId, "reference", reference, "purpose", purpose),
                Hold.class);
    }

    @Override
    public Mono<Hold> getHold(String holdId) {
        return send(HttpMethod.GET, "/holds/{hold}", null, Hold.class, holdId);
    }

    @Override
    public Mono<Hold> holdByReference(String reference) {
        return send(HttpMethod.GET, "/holds?reference={reference}", null, Hold.class, reference)
                .onErrorResume(e -> e instanceof dev.tmcp.core.error.TmcpException t
                        && t.code() == dev.tmcp.core.error.ErrorCode.NOT_FOUND, e -> Mono.empty());
    }

    @Override
    public Mono<Movement> capture(String holdId, String reference, String recipient, Money amount) {
        return send(HttpMethod.POST, "/holds/{hold}/capture", money(amount, "reference", reference, "recipient", recipient),
                Movement.class, holdId);
    }

    @Override
    public Mono<Movement> release(String holdId, String reference, Money amount) {
        return send(HttpMethod.POST, "/holds/{hold}/release", money(amount, "reference", reference), Movement.class, holdId);
    }

    @Override
    public Mono<Movement> transfer(String fromUserId, String reference, String toUserId, Money amount) {
        return send(HttpMethod.POST, "/transfers", money(amount, "from_user_id", fromUserId, "reference", reference,
                "to_user_id", toUserId), Movement.class);
    }

    @Override
    public Mono<Movement> transferByReference(String reference) {
        return send(HttpMethod.GET, "/transfers?reference={reference}", null, Movement.class, reference)
                .onErrorResume(e -> e instanceof dev.tmcp.core.error.TmcpException t
                        && t.code() == dev.tmcp.core.error.ErrorCode.NOT_FOUND, e -> Mono.empty());
    }

    @Override
    public Mono<Movement> refund(String reference, String merchant, String recipient, Money amount) {
        return send(HttpMethod.POST, "/refunds", money(amount, "reference", reference, "merchant", merchant,
                "recipient", recipient), Movement.class);
    }

    @Override
    public Mono<ExternalAccount> linkExternal(String userId, String type) {
        return send(HttpMethod.POST, "/accounts/{user}/external-accounts", Map.of("type", type), ExternalAccount.class, userId);
    }

    @Override
    public Mono<ExternalAccount> verifyExternal(String userId, String externalAccountId, Map<String, Object> data) {
        return send(HttpMethod.POST, "/accounts/{user}/external-accounts/{id}/verify",
                Map.of("verification_data", data == null ? Map.of() : data), ExternalAccount.class, userId, externalAccountId);
    }

    @Override
    public Mono<Movement> fund(String userId, String sourceAccountId, Money amount, String reference) {
        return send(HttpMethod.POST, "/accounts/{user}/fundings", money(amount, "source_account_id", sourceAccountId,
                "reference", reference), Movement.class, userId);
    }

    @Override
    public Mono<Withdrawal> initiateWithdrawal(String userId, String destinationAccountId, Money amount, String reference) {
        return send(HttpMethod.POST, "/accounts/{user}/withdrawals", money(amount, "destination_account_id",
                destinationAccountId, "reference", reference), Withdrawal.class, userId);
    }

    @Override
    public Mono<Withdrawal> approveWithdrawal(String userId, String withdrawalId) {
        return send(HttpMethod.POST, "/accounts/{user}/withdrawals/{id}/approve", Map.of(), Withdrawal.class, userId,
                withdrawalId);
    }

    @Override
    public Mono<Withdrawal> withdrawal(String userId, String withdrawalId) {
        return send(HttpMethod.GET, "/accounts/{user}/withdrawals/{id}", null, Withdrawal.class, userId, withdrawalId);
    }

    @Override
    public Mono<Withdrawal> cancelWithdrawal(String userId, String withdrawalId) {
        return send(HttpMethod.POST, "/accounts/{user}/withdrawals/{id}/cancel", Map.of(), Withdrawal.class, userId,
                withdrawalId);
    }

    @Override
    public Mono<MfaChallenge> mfaChallenge(String userId, String reference, Money amount) {
        return send(HttpMethod.POST, "/accounts/{user}/mfa/challenges", money(amount, "reference", reference),
                MfaChallenge.class, userId);
    }

    @Override
    public Mono<MfaChallenge> mfaVerify(String userId, String challengeId, String method, Map<String, Object> credentials) {
        return send(HttpMethod.POST, "/accounts/{user}/mfa/challenges/{id}/verify",
                money(null, "method", method, "credentials", credentials), MfaChallenge.class, userId, challengeId);
    }
}
