package dev.tmcp.wallet.provider;

import dev.tmcp.core.money.Money;
import java.math.BigDecimal;
import reactor.core.publisher.Mono;

/** Money that moves inside the suite: holds with their captures and releases, direct P2P movements and refunds. */
public interface HoldProvider {

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

    /** {@code availableAfter}: the owner's available balance once this hold was taken. */
    record Hold(String holdId, String ownerUserId, String walletId, String purpose, BigDecimal amount,
            BigDecimal remaining, String currency, String status, BigDecimal availableAfter) {
    }

    /** One settled ledger movement; the wallet ids say who paid and who received, and what the receiver now has. */
    record Movement(String ledgerTxnId, String fromWalletId, String toWalletId, String toStatus, BigDecimal amount,
            String currency, BigDecimal remaining, BigDecimal toAvailableAfter) {
    }
}
