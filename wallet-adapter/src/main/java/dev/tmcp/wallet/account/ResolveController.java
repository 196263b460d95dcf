package dev.tmcp.wallet.account;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.id.RoomId;
import dev.tmcp.core.id.UserId;
import dev.tmcp.core.money.Money;
import dev.tmcp.wallet.WalletProperties;
import dev.tmcp.wallet.ledger.Ledger;
import dev.tmcp.wallet.roomcontext.RoomContextClient;
import dev.tmcp.web.tep.TepPrincipal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Spec 6.3.2: resolve a Matrix user to a wallet, creating a pending one on demand. */
@RestController
class ResolveController {

    private final WalletAccounts accounts;
    private final RoomContextClient rooms;
    private final Ledger ledger;
    private final WalletProperties properties;
    private final ResolutionCache cache;

    ResolveController(WalletAccounts accounts, RoomContextClient rooms, Ledger ledger, WalletProperties properties,
            ResolutionCache cache) {
        this.cache = cache;
        this.accounts = accounts;
        this.rooms = rooms;
        this.ledger = ledger;
        this.properties = properties;
    }

    @GetMapping("/wallet/v1/resolve/{userId}")
    Mono<Map<String, Object>> resolve(TepPrincipal caller, @PathVariable String userId,
            @RequestParam(name = "room_id", required = false) String roomId) {
        caller.requireScope("user:read");
        if (!UserId.isValid(userId)) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST, "user_id must be a Matrix user id"));
        }
        if (roomId != null && !RoomId.isValid(roomId)) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST, "room_id must be a Matrix room id"));
        }
        Mono<Boolean> sharesRoom = caller.userId().value().equals(userId)
                ? Mono.just(true)
                : rooms.sharedRoom(caller, userId, roomId).map(RoomContextClient.SharedRoom::shared);
        Mono<ResolutionCache.Resolution> resolution = cache.get(userId)
                .switchIfEmpty(Mono.defer(() -> rooms.user(caller, userId)
                        .flatMap(profile -> accounts.ensure(userId)
                                .flatMap(wallet -> cache.put(new ResolutionCache.Resolution(wallet, profile))))));
        return resolution.flatMap(resolved -> sharesRoom.flatMap(shared -> shared
                ? view(resolved.wallet(), resolved.profile())
                : Mono.error(new TmcpException(ErrorCode.NO_SHARED_ROOM,
                        "You can only resolve users you share a room with"))));
    }

    private Mono<Map<String, Object>> view(Wallet wallet, RoomContextClient.MatrixUser profile) {
        return ledger.balance(wallet.accountId()).map(balance -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("user_id", wallet.userId());
            body.put("wallet_id", wallet.walletId());
            body.put("wallet_status", "active");
            body.put("user_status", wallet.userStatus());
            body.put("display_name", profile.displayName());
            body.put("avatar_url", profile.avatarUrl());
            body.put("payment_enabled", wallet.isActive());
            body.put("created_at", wallet.createdAt().toString());
            if (Wallet.PENDING.equals(wallet.userStatus())) {
                body.put("activation_required", true);
                body.put("activation_url", properties.activationUrlBase() + "?user="
                        + URLEncoder.encode(wallet.userId(), StandardCharsets.UTF_8));
                body.put("pending_balance", Map.of("amount", Money.ofMinor(balance, wallet.currency()).toDecimal(),
                        "currency", wallet.currency()));
            }
            return body;
        });
    }
}
