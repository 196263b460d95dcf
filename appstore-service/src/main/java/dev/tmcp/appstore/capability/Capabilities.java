package dev.tmcp.appstore.capability;

import dev.tmcp.web.client.ServiceClient;
import dev.tmcp.web.client.ServiceClients;
import dev.tmcp.web.tep.TepPrincipal;
import java.math.BigDecimal;
import java.util.List;
import dev.tmcp.core.error.TmcpException;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Capability negotiation (spec 10.5) from what this deployment runs and what the caller's token
 * may use (10.5.4): payments need {@code wallet:pay} and a wallet, and name the user's own
 * per-transaction limit, read from wallet-adapter with the user's token when it holds
 * {@code wallet:balance}; storage names the user's quota from storage-service when the token holds
 * {@code storage:read}; cards need {@code messaging:send}. A service that does not answer in time
 * makes its capability unavailable rather than the whole answer fail.
 */
@Service
class Capabilities {

    static final String TMCP_VERSION = "1.9.0";

    private final CapabilityProperties properties;
    private final ServiceClient wallet;
    private final ServiceClient storage;

    Capabilities(CapabilityProperties properties, ServiceClients clients) {
        this.properties = properties;
        this.wallet = properties.offers(properties.walletUrl())
                ? clients.create("wallet-adapter", properties.walletUrl(), properties.timeout()) : null;
        this.storage = properties.offers(properties.storageUrl())
                ? clients.create("storage-service", properties.storageUrl(), properties.timeout()) : null;
    }

    record Verification(Limits limits, VerificationFeatures features) {
    }

    record Limits(BigDecimal transactionLimit, String currency) {
    }

    record VerificationFeatures(boolean p2pSend, boolean miniappPayments) {
    }

    record Usage(long usedBytes, long quotaBytes) {
    }

    /** A service's answer, or why there is none: its own refusal (e.g. {@code WALLET_NOT_FOUND}) or {@code service_unavailable}. */
    record Read<T>(T value, String reason) {
        static <T> Read<T> none() {
            return new Read<>(null, null);
        }

        boolean answered() {
            return value != null;
        }
    }

    Mono<CapabilityAnswer> of(TepPrincipal user, String platform, String clientVersion) {
        Mono<Read<Verification>> verification = wallet != null && user.scopes().contains("wallet:balance")
                && user.scopes().contains("wallet:pay")
                ? read(wallet, "/wallet/v1/verification", user, Verification.class) : Mono.just(Read.none());
        Mono<Read<Usage>> usage = storage != null && user.scopes().contains("storage:read")
                ? read(storage, "/api/v1/storage-usage", user, Usage.class) : Mono.just(Read.none());
        return Mono.zip(verification, usage).map(t -> {
            CapabilityAnswer.Payment payment = payment(user, t.getT1());
            boolean pays = payment.available();
            VerificationFeatures features = t.getT1().answered() ? t.getT1().value().features() : null;
            return new CapabilityAnswer(
                    new CapabilityAnswer.Capabilities(DeviceCapabilities.camera(platform), DeviceCapabilities.location(platform),
                            payment, storage(user, t.getT2()), messaging(user), DeviceCapabilities.biometric(platform)),
                    new CapabilityAnswer.Platform(clientVersion, platform, TMCP_VERSION),
                    new CapabilityAnswer.Features(pays && (features == null || features.p2pSend()),
                            pays && (features == null || features.p2pSend()),
                            pays && (features == null || features.miniappPayments())));
        });
    }

    /** The service's answer; its 4xx refusal as the reason; anything else (5xx, too slow) as {@code service_unavailable}. */
    private static <T> Mono<Read<T>> read(ServiceClient client, String path, TepPrincipal user, Class<T> type) {
        return client.call(web -> web.get().uri(path).header(HttpHeaders.AUTHORIZATION, user.bearer())
                        .retrieve().bodyToMono(type))
                .map(value -> new Read<>(value, null))
                .onErrorResume(e -> Mono.just(new Read<>(null, e instanceof TmcpException t && t.code().httpStatus() < 500
                        ? t.code().name().toLowerCase(java.util.Locale.ROOT) : "service_unavailable")))
                .defaultIfEmpty(new Read<>(null, "service_unavailable"));
    }

    private CapabilityAnswer.Payment payment(TepPrincipal user, Read<Verification> verification) {
        if (wallet == null) {
            return new CapabilityAnswer.Payment(false, null, null, null, "not_offered", null);
        }
        if (!user.scopes().contains("wallet:pay")) {
            return new CapabilityAnswer.Payment(false, null, null, null, "scope_missing", "wallet:pay");
        }
        if (verification.reason() != null) {
            return new CapabilityAnswer.Payment(false, null, null, null, verification.reason(), null);
        }
        Limits limits = verification.answered() ? verification.value().limits() : null;
        return new CapabilityAnswer.Payment(true, List.of("wallet"), limits == null ? null : limits.transactionLimit(),
                limits == null ? null : limits.currency(), null, null);
    }

    private CapabilityAnswer.Storage storage(TepPrincipal user, Read<Usage> usage) {
        if (storage == null) {
            return new CapabilityAnswer.Storage(false, null, null, null, "not_offered", null);
        }
        if (!user.scopes().contains("storage:read") && !user.scopes().contains("storage:write")) {
            return new CapabilityAnswer.Storage(false, null, null, null, "scope_missing", "storage:read");
        }
        if (usage.reason() != null) {
            return new CapabilityAnswer.Storage(false, null, null, null, usage.reason(), null);
        }
        return new CapabilityAnswer.Storage(true, usage.answered() ? usage.value().quotaBytes() : null,
                usage.answered() ? usage.value().usedBytes() : null, true, null, null);
    }

    private CapabilityAnswer.Messaging messaging(TepPrincipal user) {
        if (!properties.offers(properties.messagingUrl())) {
            return new CapabilityAnswer.Messaging(false, null, null, "not_offered", null);
        }
        if (!user.scopes().contains("messaging:send")) {
            return new CapabilityAnswer.Messaging(false, null, null, "scope_missing", "messaging:send");
        }
        return new CapabilityAnswer.Messaging(true, true, false, null, null);
    }
}
