package dev.tmcp.wallet.account;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.id.RoomId;
import dev.tmcp.core.id.UserId;
import dev.tmcp.wallet.WalletProperties;
import dev.tmcp.wallet.ledger.account.Wallet;
import dev.tmcp.wallet.provider.AccountProvider;
import dev.tmcp.wallet.roomcontext.RoomContextClient;
import dev.tmcp.web.tep.TepPrincipal;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Spec 6.3.2 / 6.3.3 / 6.3.9: resolve Matrix users to wallets, creating pending ones on demand. The
 * user must exist on the homeserver and share a room with the requester (or be in {@code room_id}).
 */
@RestController
class ResolveController {

    static final int MAX_BATCH = 100;

    private final AccountProvider wallets;
    private final RoomContextClient rooms;
    private final WalletProperties properties;
    private final ResolutionCache cache;

    ResolveController(AccountProvider wallets, RoomContextClient rooms, WalletProperties properties,
            ResolutionCache cache) {
        this.cache = cache;
        this.wallets = wallets;
        this.rooms = rooms;
        this.properties = properties;
    }

    @GetMapping("/wallet/v1/resolve/{userId}")
    Mono<ResolveResponses.Resolved> resolve(TepPrincipal caller, @PathVariable String userId,
            @RequestParam(name = "room_id", required = false) String roomId) {
        caller.requireScope("user:read");
        if (!UserId.isValid(userId)) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST, "user_id must be a Matrix user id"));
        }
        requireRoomId(roomId);
        return resolveOne(caller, userId, roomId);
    }

    /**
     * Batch resolution. With {@code room_id} the answer has the room-member shape of 6.3.9 (a map by
     * user id); without, the list shape of 6.3.3 (decision 0019). A user who cannot be resolved is
     * reported with its error instead of failing the batch.
     */
    @PostMapping("/wallet/v1/resolve/batch")
    Mono<ResolveResponses.BatchResponse> batch(TepPrincipal caller, @RequestBody BatchRequest request) {
        caller.requireScope("user:read");
        List<String> ids = request.userIds() == null ? List.of() : request.userIds().stream().distinct().toList();
        if (ids.isEmpty() || ids.size() > MAX_BATCH) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST, "user_ids must hold 1 to " + MAX_BATCH + " ids"));
        }
        for (String id : ids) {
            if (!UserId.isValid(id)) {
                return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST, "Not a Matrix user id: " + id));
            }
        }
        requireRoomId(request.roomId());
        return Flux.fromIterable(ids)
                .flatMapSequential(id -> resolveOne(caller, id, request.roomId())
                        .cast(ResolveResponses.Result.class)
                        .onErrorResume(TmcpException.class, e -> Mono.just(ResolveResponses.Unresolved.of(id, e))), 8)
                .collectList()
                .map(results -> request.roomId() == null ? ResolveResponses.ListResponse.of(results, ids.size())
                        : ResolveResponses.RoomResponse.of(results));
    }

    record BatchRequest(List<String> userIds, String roomId) {
    }

    private static void requireRoomId(String roomId) {
        if (roomId != null && !RoomId.isValid(roomId)) {
            throw new TmcpException(ErrorCode.INVALID_REQUEST, "room_id must be a Matrix room id");
        }
    }

    /**
     * The shared-room check comes first and decides alone (spec 6.3.7): a user the homeserver does
     * not know shares no room, so "no such user" and "no shared room" get the same 403, and no
     * wallet is created for anyone the caller could not resolve.
     */
    private Mono<ResolveResponses.Resolved> resolveOne(TepPrincipal caller, String userId, String roomId) {
        Mono<Boolean> sharesRoom = caller.userId().value().equals(userId)
                ? Mono.just(true)
                : rooms.sharedRoom(caller, userId, roomId).map(RoomContextClient.SharedRoom::shared);
        Mono<ResolutionCache.Resolution> resolution = cache.get(userId)
                .switchIfEmpty(Mono.defer(() -> rooms.user(caller, userId)
                        .flatMap(profile -> wallets.ensureAccount(userId)
                                .flatMap(wallet -> cache.put(new ResolutionCache.Resolution(wallet, profile))))));
        return sharesRoom.flatMap(shared -> shared
                ? resolution.flatMap(resolved -> view(resolved.wallet(), resolved.profile()))
                : Mono.error(notResolvable()));
    }

    private static TmcpException notResolvable() {
        return new TmcpException(ErrorCode.NO_SHARED_ROOM, "You can only resolve users you share a room with");
    }

    private Mono<ResolveResponses.Resolved> view(AccountProvider.Account wallet, RoomContextClient.MatrixUser profile) {
        Mono<BigDecimal> pending = wallet.isPending()
                ? wallets.balance(wallet.userId()).map(AccountProvider.Balance::pending) : Mono.just(BigDecimal.ZERO);
        return pending.map(balance -> {
            boolean activate = wallet.isPending();
            return new ResolveResponses.Resolved(wallet.userId(), wallet.walletId(), "active", wallet.userStatus(),
                    profile.displayName(), profile.avatarUrl(), wallet.paymentEnabled(), wallet.createdAt(),
                    activate ? true : null,
                    activate ? properties.activationUrlBase() + "?user=" + URLEncoder.encode(wallet.userId(), StandardCharsets.UTF_8)
                            : null,
                    activate ? new ResolveResponses.PendingBalance(balance, wallet.currency()) : null);
        });
    }
}
