package dev.tmcp.wallet.ledger.account;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.money.Money;
import dev.tmcp.wallet.WalletProperties;
import dev.tmcp.wallet.ledger.Ledger;
import dev.tmcp.wallet.ledger.Posting;
import dev.tmcp.wallet.ledger.proof.DeviceKeys;
import dev.tmcp.wallet.ledger.proof.PinHasher;
import dev.tmcp.wallet.ledger.proof.PinPolicy;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Activates a pending account: terms, PIN (strength-checked, argon2id-hashed), device key. In the
 * same transaction, money received while pending becomes available and the activation bonus, if
 * the operator set one, is paid from its funding source.
 */
@Service
public class ActivationService {

    private final WalletRepository wallets;
    private final PinHasher pins;
    private final TransactionalOperator tx;
    private final WalletAccounts accounts;

    private final Ledger ledger;
    private final WalletProperties properties;

    ActivationService(WalletRepository wallets, PinHasher pins, TransactionalOperator tx, WalletAccounts accounts,
            Ledger ledger, WalletProperties properties) {
        this.ledger = ledger;
        this.properties = properties;
        this.wallets = wallets;
        this.pins = pins;
        this.tx = tx;
        this.accounts = accounts;
    }

    /** Activates the user's pending account; {@code deviceId} and {@code publicKey} may both be null. */
    public Mono<Wallet> activate(String userId, String pin, String termsVersion, String deviceId, String publicKey) {
        PinPolicy.check(pin);
        if ((deviceId == null) != (publicKey == null) || (deviceId != null && deviceId.isBlank())) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST, "biometric_data needs device_id and public_key"));
        }
        if (publicKey != null) {
            DeviceKeys.parse(publicKey);
        }
        return accounts.ensure(userId)
                .flatMap(wallet -> {
                    if (!Wallet.PENDING.equals(wallet.userStatus())) {
                        return Mono.error(new TmcpException(ErrorCode.ALREADY_ACTIVATED, "Account is already " + wallet.userStatus()));
                    }
                    return pins.hashPin(pin)
                            .flatMap(hash -> tx.transactional(wallets.activate(wallet.walletId(), hash, termsVersion,
                                    deviceId, publicKey)
                                    .flatMap(updated -> updated == 1
                                            ? sweepIncoming(wallet).then(payBonus(wallet)).thenReturn(updated)
                                            : Mono.just(updated))))
                            .flatMap(updated -> updated == 1
                                    ? wallets.findByUser(wallet.userId())
                                    : Mono.error(new TmcpException(ErrorCode.ALREADY_ACTIVATED, "Account is already active")));
                });
    }

    private Mono<Void> sweepIncoming(Wallet wallet) {
        return ledger.balance(wallet.incomingAccountId()).flatMap(incoming -> incoming == 0 ? Mono.<Void>empty()
                : ledger.post("activation", "activation:" + wallet.walletId(), Money.ofMinor(incoming, wallet.currency()),
                        List.of(new Posting(wallet.incomingAccountId(), -incoming), new Posting(wallet.accountId(), incoming)))
                        .then());
    }

    private Mono<Void> payBonus(Wallet wallet) {
        Money bonus = activationBonus(wallet.currency());
        if (bonus.minorUnits() == 0) {
            return Mono.empty();
        }
        String source = "system:bonus:" + wallet.currency();
        return ledger.ensureSystemAccount(source, wallet.currency())
                .then(ledger.post("bonus", "bonus:" + wallet.walletId(), bonus,
                        List.of(new Posting(source, -bonus.minorUnits()), new Posting(wallet.accountId(), bonus.minorUnits()))))
                .then();
    }

    public Money activationBonus(String currency) {
        return properties.activationBonus() == null ? Money.ofMinor(0, currency)
                : Money.parse(properties.activationBonus(), currency);
    }
}
