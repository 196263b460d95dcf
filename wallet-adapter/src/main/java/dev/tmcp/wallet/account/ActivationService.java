package dev.tmcp.wallet.account;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.money.Money;
import dev.tmcp.wallet.WalletProperties;
import dev.tmcp.wallet.auth.DeviceKeys;
import dev.tmcp.wallet.ledger.Ledger;
import dev.tmcp.wallet.ledger.Posting;
import dev.tmcp.web.tep.TepPrincipal;
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
class ActivationService {

    private final WalletRepository wallets;
    private final PinHasher pins;
    private final TransactionalOperator tx;
    private final WalletAccounts accounts;

    private final ResolutionCache resolutions;
    private final Ledger ledger;
    private final WalletProperties properties;

    ActivationService(WalletRepository wallets, PinHasher pins, TransactionalOperator tx, WalletAccounts accounts,
            ResolutionCache resolutions, Ledger ledger, WalletProperties properties) {
        this.ledger = ledger;
        this.properties = properties;
        this.resolutions = resolutions;
        this.wallets = wallets;
        this.pins = pins;
        this.tx = tx;
        this.accounts = accounts;
    }

    Mono<Wallet> activate(TepPrincipal user, ActivationRequest request) {
        ActivationRequest.VerificationData data = request.verificationData();
        if (!data.termsAccepted()) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST, "Terms must be accepted"));
        }
        PinPolicy.check(data.pin());
        ActivationRequest.BiometricData biometric = data.biometricData();
        if (biometric != null && (biometric.deviceId() == null || biometric.deviceId().isBlank() || biometric.publicKey() == null)) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST, "biometric_data needs device_id and public_key"));
        }
        if (biometric != null) {
            DeviceKeys.parse(biometric.publicKey());
        }
        return accounts.ensure(user.userId().value())
                .flatMap(wallet -> {
                    if (request.walletId() != null && !request.walletId().equals(wallet.walletId())) {
                        return Mono.error(new TmcpException(ErrorCode.WALLET_NOT_FOUND, "Not your wallet"));
                    }
                    if (!Wallet.PENDING.equals(wallet.userStatus())) {
                        return Mono.error(new TmcpException(ErrorCode.ALREADY_ACTIVATED, "Account is already " + wallet.userStatus()));
                    }
                    return pins.hashPin(data.pin())
                            .flatMap(hash -> tx.transactional(wallets.activate(wallet.walletId(), hash, data.termsVersion(),
                                    biometric == null ? null : biometric.deviceId(),
                                    biometric == null ? null : biometric.publicKey())
                                    .flatMap(updated -> updated == 1
                                            ? sweepIncoming(wallet).then(payBonus(wallet)).thenReturn(updated)
                                            : Mono.just(updated))))
                            .flatMap(updated -> updated == 1
                                    ? resolutions.evict(wallet.userId()).then(wallets.findByUser(wallet.userId()))
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

    Money activationBonus(String currency) {
        return properties.activationBonus() == null ? Money.ofMinor(0, currency)
                : Money.parse(properties.activationBonus(), currency);
    }
}
