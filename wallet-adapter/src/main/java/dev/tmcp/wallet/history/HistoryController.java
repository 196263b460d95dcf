package dev.tmcp.wallet.history;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.wallet.provider.AccountProvider;
import dev.tmcp.web.tep.TepPrincipal;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code GET /wallet/v1/transactions?limit=&offset=} (spec 6.2.2), scope {@code wallet:history}. */
@RestController
class HistoryController {

    static final int MAX_LIMIT = 100;
    static final int MAX_OFFSET = 100_000;

    private final AccountProvider wallets;

    HistoryController(AccountProvider wallets) {
        this.wallets = wallets;
    }

    /** The entries are the provider's, passed through as it wrote them. */
    record TransactionsResponse(List<Map<String, Object>> transactions, Pagination pagination) {
    }

    record Pagination(long total, int limit, int offset, boolean hasMore) {
    }

    @GetMapping("/wallet/v1/transactions")
    Mono<TransactionsResponse> transactions(TepPrincipal user,
            @RequestParam(name = "limit", defaultValue = "50") int limit,
            @RequestParam(name = "offset", defaultValue = "0") int offset) {
        user.requireScope("wallet:history");
        if (limit < 1 || limit > MAX_LIMIT || offset < 0 || offset > MAX_OFFSET) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST,
                    "limit must be 1.." + MAX_LIMIT + " and offset 0.." + MAX_OFFSET));
        }
        return wallets.history(user.userId().value(), limit, offset)
                .map(page -> new TransactionsResponse(page.transactions(), new Pagination(page.total(), limit, offset,
                        offset + page.transactions().size() < page.total())));
    }
}
