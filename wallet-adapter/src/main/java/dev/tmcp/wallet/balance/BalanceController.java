package dev.tmcp.wallet.balance;

import dev.tmcp.wallet.provider.AccountProvider;
import dev.tmcp.web.tep.TepPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
class BalanceController {

    private final AccountProvider wallets;

    BalanceController(AccountProvider wallets) {
        this.wallets = wallets;
    }

    @GetMapping("/wallet/v1/balance")
    Mono<BalanceView> balance(TepPrincipal user) {
        user.requireScope("wallet:balance");
        return wallets.balanceWithVerification(user.userId().value())
                .map(b -> BalanceView.of(b.balance(), b.verification()));
    }
}
