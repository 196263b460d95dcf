package dev.tmcp.wallet.ledger.api;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.money.Money;
import dev.tmcp.wallet.ledger.provider.LedgerWalletProvider;
import dev.tmcp.wallet.provider.AccountProvider;
import dev.tmcp.wallet.provider.ExternalProvider;
import dev.tmcp.wallet.provider.HoldProvider;
import dev.tmcp.wallet.provider.MfaProvider;
import dev.tmcp.wallet.provider.PresentedProof;
import dev.tmcp.wallet.provider.ProofProvider;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The ledger behind the Wallet Provider REST contract (docs/wallet-provider-openapi.yaml): lets
 * another deployment's HTTP provider use this ledger as its external wallet, and is what the HTTP
 * provider's contract tests run against. Off unless {@code tmcp.wallet.provider-api.enabled};
 * callers are authenticated by {@link ProviderApiAuthentication}.
 */
@RestController
@RequestMapping("/provider/v1")
@ConditionalOnProperty(name = "tmcp.wallet.provider-api.enabled", havingValue = "true")
class ProviderApiController {

    private final LedgerWalletProvider ledger;

    ProviderApiController(LedgerWalletProvider ledger) {
        this.ledger = ledger;
    }

    record Query(List<String> userIds) {
    }

    record Register(String currency, BigDecimal dailyLimit) {
    }

    record Movement(String userId, String fromUserId, String toUserId, String reference, String purpose, String recipient,
            String merchant, String sourceAccountId, String destinationAccountId, BigDecimal amount, String currency) {

        Money money() {
            if (amount == null || currency == null) {
                throw new TmcpException(ErrorCode.INVALID_REQUEST, "amount and currency are required");
            }
            return Money.parsePositive(amount, currency);
        }

        Money moneyOrNull() {
            return amount == null ? null : money();
        }
    }

    record Link(String type) {
    }

    record VerifyExternal(Map<String, Object> verificationData) {
    }

    record Accounts(List<AccountProvider.Account> accounts) {
    }

    record ProofMethod(String method) {
    }

    record TotpSecret(String secret) {
    }

    @PutMapping("/accounts/{userId}")
    Mono<AccountProvider.Account> ensure(@PathVariable String userId) {
        return ledger.ensureAccount(userId);
    }

    @GetMapping("/accounts/{userId}")
    Mono<AccountProvider.Account> account(@PathVariable String userId) {
        return ledger.account(userId)
                .switchIfEmpty(Mono.error(new TmcpException(ErrorCode.WALLET_NOT_FOUND, "No wallet for this user")));
    }

    @PostMapping("/accounts/query")
    Mono<Accounts> query(@RequestBody Query query) {
        return ledger.accounts(query.userIds()).map(Accounts::new);
    }

    @PostMapping("/accounts/{userId}/register")
    Mono<AccountProvider.Account> register(@PathVariable String userId,
            @RequestBody Register body) {
        return ledger.register(userId, body.currency(), body.dailyLimit());
    }

    @PostMapping("/accounts/{userId}/activation")
    Mono<AccountProvider.Activation> activate(@PathVariable String userId,
            @RequestBody AccountProvider.ActivationData data) {
        return ledger.activate(userId, data);
    }

    @GetMapping("/accounts/{userId}/balance")
    Mono<AccountProvider.Balance> balance(@PathVariable String userId) {
        return ledger.balance(userId);
    }

    @GetMapping("/accounts/{userId}/transactions")
    Mono<AccountProvider.HistoryPage> history(@PathVariable String userId,
            @RequestParam(defaultValue = "50") int limit, @RequestParam(defaultValue = "0") int offset) {
        return ledger.history(userId, limit, offset);
    }

    @GetMapping("/accounts/{userId}/verification")
    Mono<AccountProvider.Verification> verification(@PathVariable String userId) {
        return ledger.verification(userId);
    }

    @GetMapping("/accounts/{userId}/auth-policy")
    Mono<ProofProvider.AuthPolicy> policy(@PathVariable String userId,
            @RequestParam BigDecimal amount, @RequestParam String currency) {
        return ledger.authPolicy(userId, Money.parsePositive(amount, currency));
    }

    @PostMapping("/accounts/{userId}/proofs")
    Mono<ProofMethod> proof(@PathVariable String userId,
            @RequestBody PresentedProof proof) {
        return ledger.verifyProof(userId, proof.method(), proof.proof() == null ? Map.of() : proof.proof(), proof.message())
                .map(ProofMethod::new);
    }

    @PostMapping("/accounts/{userId}/totp")
    Mono<TotpSecret> totp(@PathVariable String userId) {
        return ledger.enrollTotp(userId).map(TotpSecret::new);
    }

    @PostMapping("/holds")
    Mono<HoldProvider.Hold> hold(@RequestBody Movement body) {
        return ledger.hold(body.userId(), body.reference(), body.money(), body.purpose());
    }

    @GetMapping("/holds")
    Mono<HoldProvider.Hold> holdByReference(@RequestParam String reference) {
        return ledger.holdByReference(reference)
                .switchIfEmpty(Mono.error(new TmcpException(ErrorCode.NOT_FOUND, "No hold under this reference")));
    }

    @GetMapping("/holds/{holdId}")
    Mono<HoldProvider.Hold> getHold(@PathVariable String holdId) {
        return ledger.getHold(holdId);
    }

    @PostMapping("/holds/{holdId}/capture")
    Mono<HoldProvider.Movement> capture(@PathVariable String holdId,
            @RequestBody Movement body) {
        return ledger.capture(holdId, body.reference(), body.recipient(), body.money());
    }

    @PostMapping("/holds/{holdId}/release")
    Mono<HoldProvider.Movement> release(@PathVariable String holdId,
            @RequestBody Movement body) {
        return ledger.release(holdId, body.reference(), body.moneyOrNull());
    }

    @PostMapping("/transfers")
    Mono<HoldProvider.Movement> transfer(@RequestBody Movement body) {
        return ledger.transfer(body.fromUserId(), body.reference(), body.toUserId(), body.money());
    }

    @GetMapping("/transfers")
    Mono<HoldProvider.Movement> transferByReference(@RequestParam String reference) {
        return ledger.transferByReference(reference)
                .switchIfEmpty(Mono.error(new TmcpException(ErrorCode.NOT_FOUND, "No transfer under this reference")));
    }

    @PostMapping("/refunds")
    Mono<HoldProvider.Movement> refund(@RequestBody Movement body) {
        return ledger.refund(body.reference(), body.merchant(), body.recipient(), body.money());
    }

    @PostMapping("/accounts/{userId}/external-accounts")
    Mono<ExternalProvider.ExternalAccount> link(@PathVariable String userId,
            @RequestBody Link body) {
        return ledger.linkExternal(userId, body.type());
    }

    @PostMapping("/accounts/{userId}/external-accounts/{id}/verify")
    Mono<ExternalProvider.ExternalAccount> verify(@PathVariable String userId,
            @PathVariable String id, @RequestBody VerifyExternal body) {
        return ledger.verifyExternal(userId, id, body.verificationData() == null ? Map.of() : body.verificationData());
    }

    @PostMapping("/accounts/{userId}/fundings")
    Mono<HoldProvider.Movement> fund(@PathVariable String userId,
            @RequestBody Movement body) {
        return ledger.fund(userId, body.sourceAccountId(), body.money(), body.reference());
    }

    @PostMapping("/accounts/{userId}/withdrawals")
    Mono<ExternalProvider.Withdrawal> withdraw(@PathVariable String userId,
            @RequestBody Movement body) {
        return ledger.initiateWithdrawal(userId, body.destinationAccountId(), body.money(), body.reference());
    }

    @PostMapping("/accounts/{userId}/withdrawals/{id}/approve")
    Mono<ExternalProvider.Withdrawal> approve(@PathVariable String userId,
            @PathVariable String id) {
        return ledger.approveWithdrawal(userId, id);
    }

    @PostMapping("/accounts/{userId}/withdrawals/{id}/cancel")
    Mono<ExternalProvider.Withdrawal> cancel(@PathVariable String userId,
            @PathVariable String id) {
        return ledger.cancelWithdrawal(userId, id);
    }

    @GetMapping("/accounts/{userId}/withdrawals/{id}")
    Mono<ExternalProvider.Withdrawal> withdrawal(@PathVariable String userId,
            @PathVariable String id) {
        return ledger.withdrawal(userId, id);
    }

    record MfaAnswer(String method, Map<String, Object> credentials) {

        @Override
        public String toString() {
            return "MfaAnswer[" + method + "]";
        }
    }

    @PostMapping("/accounts/{userId}/mfa/challenges")
    Mono<MfaProvider.MfaChallenge> challenge(@PathVariable String userId,
            @RequestBody Movement body) {
        return ledger.mfaChallenge(userId, body.reference(), body.money());
    }

    @PostMapping("/accounts/{userId}/mfa/challenges/{id}/verify")
    Mono<MfaProvider.MfaChallenge> answer(@PathVariable String userId,
            @PathVariable String id, @RequestBody MfaAnswer body) {
        return ledger.mfaVerify(userId, id, body.method(), body.credentials() == null ? Map.of() : body.credentials());
    }
}
