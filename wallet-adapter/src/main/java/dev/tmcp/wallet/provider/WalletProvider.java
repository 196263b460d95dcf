package dev.tmcp.wallet.provider;

import dev.tmcp.core.money.Money;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Every Wallet Service operation the spec names (6.3–6.6, 7.2.2, 7.6.4), as wallet-adapter needs
 * them. Two implementations: the built-in double-entry ledger ({@code tmcp.wallet.provider=ledger},
 * the default) and an operator's wallet over HTTP ({@code http}), whose contract is
 * docs/wallet-provider-openapi.yaml. Users are Matrix user ids; mini-app merchants are client ids.
 * Every movement carries the caller's reference and is done once per reference. Errors are
 * {@code TmcpException}s with the spec's codes (12.2), whichever provider answers.
 */
public interface WalletProvider {

    /** The account of a user, created {@code pending} on first use (6.3.4). */
    Mono<Account> ensureAccount(String userId);

    /** The account, or empty when the user has none. */
    Mono<Account> account(String userId);

    /** The accounts that exist among these users (6.3.4 batch query). */
    Mono<List<Account>> accounts(List<String> userIds);

    /** 6.3.4 registration: ensures the account and applies settings the user may choose. */
    Mono<Account> register(String userId, String currency, BigDecimal dailyLimit);

    /** 6.3.10: pending → active, with PIN, optional device key and the accepted terms version. */
    Mono<Activation> activate(String userId, ActivationData data);

    Mono<Balance> balance(String userId);

    Mono<HistoryPage> history(String userId, int limit, int offset);

    Mono<Verification> verification(String userId);

    /** 7.2.2: how this user can authorize {@code amount}, and whether a recipient must accept. */
    Mono<AuthPolicy> authPolicy(String userId, Money amount);

    /** Checks a payment proof (PIN, device signature over {@code message}, OTP); emits the method. */
    Mono<String> verifyProof(String userId, String method, Map<String, Object> proof, String message);

    /** Enrolls an authenticator for OTP proofs; emits the base32 secret. */
    Mono<String> enrollTotp(String userId);

    Mono<Hold> hold(String userId, String reference, Money amount, String purpose);

    Mono<Hold> getHold(String holdId);

    /** The hold taken under a reference, or empty: how a caller that lost the answer finds its hold. */
    Mono<Hold> holdByReference(String reference);

    /** Pays part of a hold to a user (pending users: their incoming balance) or a merchant. */
    Mono<Movement> capture(String holdId, String reference, String recipient, Money amount);

    /** Gives {@code amount} of the hold, or all that remains when null, back to its owner. */
    Mono<Movement> release(String holdId, String reference, Money amount);

    /** A direct P2P movement under the sending rules of 6.4.3. */
    Mono<Movement> transfer(String fromUserId, String reference, String toUserId, Money amount);

    /** The direct P2P movement made under a reference, or empty: whether a transfer whose answer was lost happened. */
    Mono<Movement> transferByReference(String reference);

    /** Merchant → payer. */
    Mono<Movement> refund(String reference, String merchant, String recipient, Money amount);

    Mono<ExternalAccount> linkExternal(String userId, String type);

    Mono<ExternalAccount> verifyExternal(String userId, String externalAccountId, Map<String, Object> verificationData);

    Mono<Movement> fund(String userId, String sourceAccountId, Money amount, String reference);

    Mono<Withdrawal> initiateWithdrawal(String userId, String destinationAccountId, Money amount, String reference);

    Mono<Withdrawal> approveWithdrawal(String userId, String withdrawalId);

    Mono<Withdrawal> withdrawal(String userId, String withdrawalId);

    /** The user gives up a withdrawal not yet approved; the held money returns (ADR 0038). */
    Mono<Withdrawal> cancelWithdrawal(String userId, String withdrawalId);

    /** 7.6.4: a second-factor challenge for a payment, answerable with the user's PIN or OTP. */
    Mono<MfaChallenge> mfaChallenge(String userId, String reference, Money amount);

    /** Emits the verified challenge; INVALID_MFA_CREDENTIALS for a wrong answer, MFA_LOCKED after three. */
    Mono<MfaChallenge> mfaVerify(String userId, String challengeId, String method, Map<String, Object> credentials);

    record MfaChallenge(String challengeId, String reference, List<String> methods, String status, boolean verified,
            String expiresAt) {
    }

    record Account(String walletId, String userId, String userStatus, String walletStatus, String currency,
            int verificationLevel, boolean paymentEnabled, String activatedAt, String createdAt) {
    }

    record ActivationData(String pin, String termsVersion, String deviceId, String publicKey) {

        @Override
        public String toString() {
            return "ActivationData[terms=" + termsVersion + ", device=" + deviceId + "]";
        }
    }

    record Activation(Account account, Balance balance, BigDecimal bonus) {
    }

    record Balance(String walletId, String userId, String userStatus, BigDecimal available, BigDecimal pending,
            String currency, int verificationLevel, BigDecimal sentToday) {
    }

    record HistoryPage(List<Map<String, Object>> transactions, long total) {
    }

    record Verification(int level, String levelName, String verifiedAt, BigDecimal dailyLimit,
            BigDecimal transactionLimit, BigDecimal monthlyLimit, String currency, boolean p2pSend, boolean canUpgrade,
            List<String> features) {
    }

    record AuthPolicy(List<String> availableMethods, String recommendedMethod, boolean recipientAcceptanceRequired,
            boolean authUpgradeRequired) {
    }

    /** {@code availableAfter}: the owner's available balance once this hold was taken. */
    record Hold(String holdId, String ownerUserId, String walletId, String purpose, BigDecimal amount,
            BigDecimal remaining, String currency, String status, BigDecimal availableAfter) {
    }

    /** One settled ledger movement; the wallet ids say who paid and who received, and what the receiver now has. */
    record Movement(String ledgerTxnId, String fromWalletId, String toWalletId, String toStatus, BigDecimal amount,
            String currency, BigDecimal remaining, BigDecimal toAvailableAfter) {
    }

    record ExternalAccount(String externalAccountId, String type, String status) {
    }

    record Withdrawal(String withdrawalId, String status, BigDecimal amount, String currency,
            String destinationAccountId, String createdAt, String completedAt) {
    }
}
