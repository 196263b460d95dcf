package dev.tmcp.wallet.provider;

import dev.tmcp.core.money.Money;
import java.math.BigDecimal;
import java.util.Map;
import reactor.core.publisher.Mono;

/** Money in and out of the suite: linked external accounts, funding and withdrawals (6.6). */
public interface ExternalProvider {

    Mono<ExternalAccount> linkExternal(String userId, String type);

    Mono<ExternalAccount> verifyExternal(String userId, String externalAccountId, Map<String, Object> verificationData);

    Mono<HoldProvider.Movement> fund(String userId, String sourceAccountId, Money amount, String reference);

    Mono<Withdrawal> initiateWithdrawal(String userId, String destinationAccountId, Money amount, String reference);

    Mono<Withdrawal> approveWithdrawal(String userId, String withdrawalId);

    Mono<Withdrawal> withdrawal(String userId, String withdrawalId);

    /** The user gives up a withdrawal not yet approved; the held money returns (ADR 0038). */
    Mono<Withdrawal> cancelWithdrawal(String userId, String withdrawalId);

    record ExternalAccount(String externalAccountId, String type, String status) {
    }

    record Withdrawal(String withdrawalId, String status, BigDecimal amount, String currency,
            String destinationAccountId, String createdAt, String completedAt) {
    }
}
