package dev.tmcp.wallet.balance;

import dev.tmcp.wallet.account.WalletAccounts;
import dev.tmcp.wallet.ledger.Ledger;
import dev.tmcp.web.tep.TepPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
class BalanceController {

    private final WalletAccounts accounts;
    private final Ledger ledger;

    BalanceController(WalletAccounts accounts, Ledger ledger) {
        this.accounts = accounts;
        this.ledger = ledger;
    }

    @GetMapping("/wallet/v1/balance")
    Mono<BalanceView> balance(TepPrincipal user) {
        user.requireScope("wallet:balance");
        return accounts.ensure(user.userId().value())
                .flatMap(wallet -> Mono.zip(ledger.balance(wallet.accountId()), ledger.pending(wallet.walletId()),
                                ledger.sentToday(wallet.accountId()))
                        .map(t -> BalanceView.of(wallet, t.getT1(), t.getT2(), t.getT3())));
    }
}
