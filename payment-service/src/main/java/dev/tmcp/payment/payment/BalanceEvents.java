package dev.tmcp.payment.payment;

import dev.tmcp.core.event.EventCodec;
import dev.tmcp.core.event.Topics;
import dev.tmcp.core.event.wallet.WalletUpdated;
import dev.tmcp.core.id.WalletId;
import dev.tmcp.core.money.Money;
import dev.tmcp.web.outbox.OutboxWriter;
import java.time.Instant;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code wallet.updated} (9.1.2) for the balance changes of mini-app payments: the payer's money
 * taken at authorization, and given back by a refund. Written in the caller's transaction, once
 * per change; nothing is written when the wallet did not report the balance after the change.
 */
@Component
public class BalanceEvents {

    private final OutboxWriter outbox;

    BalanceEvents(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    /** {@code delta} is signed: negative when money left the wallet. */
    public Mono<Void> changed(String userId, WalletId walletId, Money availableAfter, Money delta, String miniappId,
            String reason, String reference) {
        if (availableAfter == null) {
            return Mono.empty();
        }
        Money before = availableAfter.minus(delta);
        return outbox.append(Topics.WALLET, EventCodec.envelope(WalletUpdated.TYPE, "payment-service", userId,
                new WalletUpdated(userId, walletId == null ? null : walletId.value(), before.toDecimal(),
                        availableAfter.toDecimal(), delta.currencyCode(), miniappId, reason,
                        reference, Instant.now().toString()))).then();
    }
}
