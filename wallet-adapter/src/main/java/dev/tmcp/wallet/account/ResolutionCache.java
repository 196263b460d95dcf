package dev.tmcp.wallet.account;

import dev.tmcp.wallet.ledger.account.Wallet;
import dev.tmcp.wallet.provider.AccountProvider;
import dev.tmcp.wallet.roomcontext.RoomContextClient;
import java.time.Duration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Resolutions of spec 6.3.2 kept 5 minutes in Redis (shared by every wallet-adapter instance): the
 * homeserver profile and the wallet's identity and status, so that resolving the same user again
 * costs no homeserver call. A status change (activation) evicts the entry at once. The shared-room
 * check is per requester and never cached here.
 */
@Component
public class ResolutionCache {

    static final Duration TTL = Duration.ofMinutes(5);
    private static final String PREFIX = "tmcp:resolve:";
    private static final String SEPARATOR = "\u001f";

    private final ReactiveStringRedisTemplate redis;

    ResolutionCache(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    /** A resolved user: the wallet as resolution shows it and the homeserver profile. */
    public record Resolution(AccountProvider.Account wallet, RoomContextClient.MatrixUser profile) {
    }

    Mono<Resolution> get(String userId) {
        return redis.opsForValue().get(PREFIX + userId).map(ResolutionCache::parse)
                .onErrorResume(e -> Mono.empty());
    }

    Mono<Resolution> put(Resolution resolution) {
        return redis.opsForValue().set(PREFIX + resolution.wallet().userId(), serialize(resolution), TTL)
                .onErrorResume(e -> Mono.just(false))
                .thenReturn(resolution);
    }

    /** Forgets a user's resolution; called whenever their wallet's status changes. */
    public Mono<Void> evict(String userId) {
        return redis.delete(PREFIX + userId).then();
    }

    private static String serialize(Resolution r) {
        AccountProvider.Account w = r.wallet();
        return String.join(SEPARATOR, w.walletId(), w.userId(), w.userStatus(), w.currency(),
                w.createdAt(), orEmpty(r.profile().displayName()), orEmpty(r.profile().avatarUrl()));
    }

    private static Resolution parse(String flat) {
        String[] f = flat.split(SEPARATOR, -1);
        AccountProvider.Account wallet = new AccountProvider.Account(f[0], f[1], f[2], "active", f[3], 0,
                AccountProvider.UserStatus.ACTIVE.is(f[2]), null, f[4]);
        return new Resolution(wallet, new RoomContextClient.MatrixUser(f[1], orNull(f[5]), orNull(f[6])));
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String orNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
