package dev.tmcp.wallet.account;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.id.UserId;
import dev.tmcp.wallet.ledger.account.Wallet;
import dev.tmcp.wallet.provider.AccountProvider;
import dev.tmcp.web.tep.ServiceCaller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Wallet look-up for auth-service, which puts the wallet id into each TEP (spec 4.3.1 step 5). */
@RestController
class InternalAccountController {

    private final AccountProvider wallets;

    InternalAccountController(AccountProvider wallets) {
        this.wallets = wallets;
    }

    record EnsureRequest(String userId) {
    }

    record EnsuredWallet(String walletId, String userId, String userStatus) {
    }

    @PostMapping("/internal/v1/wallets/ensure")
    Mono<EnsuredWallet> ensure(ServiceCaller caller, @RequestBody EnsureRequest request) {
        if (!UserId.isValid(request.userId())) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST, "user_id must be a Matrix user id"));
        }
        return wallets.ensureAccount(request.userId())
                .map(w -> new EnsuredWallet(w.walletId(), w.userId(), w.userStatus()));
    }
}
