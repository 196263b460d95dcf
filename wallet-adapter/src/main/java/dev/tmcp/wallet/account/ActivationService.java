package dev.tmcp.wallet.account;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.web.tep.TepPrincipal;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** Activates a pending account: terms, PIN (strength-checked, argon2id-hashed), device key. */
@Service
class ActivationService {

    private final WalletRepository wallets;
    private final PinHasher pins;
    private final TransactionalOperator tx;
    private final WalletAccounts accounts;

    private final ResolutionCache resolutions;

    ActivationService(WalletRepository wallets, PinHasher pins, TransactionalOperator tx, WalletAccounts accounts,
            ResolutionCache resolutions) {
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
                                    biometric == null ? null : biometric.publicKey())))
                            .flatMap(updated -> updated == 1
                                    ? resolutions.evict(wallet.userId()).then(wallets.findByUser(wallet.userId()))
                                    : Mono.error(new TmcpException(ErrorCode.ALREADY_ACTIVATED, "Account is already active")));
                });
    }
}
