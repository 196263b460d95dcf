package dev.tmcp.wallet.account;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tmcp.core.error.TmcpException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The answers of user resolution (spec 6.3.2, 6.3.3, 6.3.9). */
final class ResolveResponses {

    private ResolveResponses() {
    }

    /** One user resolved, or reported with its error inside a batch. */
    sealed interface Result permits Resolved, Unresolved {

        String userId();
    }

    /** The activation fields only for a pending wallet. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Resolved(String userId, String walletId, String walletStatus, String userStatus, String displayName,
            String avatarUrl, boolean paymentEnabled, String createdAt, Boolean activationRequired, String activationUrl,
            PendingBalance pendingBalance) implements Result {
    }

    record PendingBalance(BigDecimal amount, String currency) {
    }

    record Unresolved(String userId, Failure error) implements Result {

        static Unresolved of(String userId, TmcpException e) {
            return new Unresolved(userId, new Failure(e.code().name(), e.getMessage()));
        }
    }

    record Failure(String code, String message) {
    }

    /** A batch answers one of two shapes, by whether a room was named. */
    sealed interface BatchResponse permits ListResponse, RoomResponse {
    }

    /** The list shape of 6.3.3; {@code unresolved} only when some user could not be resolved. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ListResponse(List<Resolved> results, int resolvedCount, int totalCount, List<Unresolved> unresolved)
            implements BatchResponse {

        static ListResponse of(List<Result> results, int total) {
            List<Resolved> resolved = results.stream().filter(Resolved.class::isInstance).map(Resolved.class::cast).toList();
            List<Unresolved> unresolved = results.stream().filter(Unresolved.class::isInstance)
                    .map(Unresolved.class::cast).toList();
            return new ListResponse(resolved, resolved.size(), total, unresolved.isEmpty() ? null : unresolved);
        }
    }

    /** The room-member shape of 6.3.9: by user id, in the order asked. */
    record RoomResponse(Map<String, RoomMember> users) implements BatchResponse {

        static RoomResponse of(List<Result> results) {
            Map<String, RoomMember> users = new LinkedHashMap<>();
            results.forEach(result -> users.put(result.userId(), RoomMember.of(result)));
            return new RoomResponse(users);
        }
    }

    /** A resolved user without its id (the key), then {@code has_wallet}; or only the error. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RoomMember(String walletId, String walletStatus, String userStatus, String displayName, String avatarUrl,
            Boolean paymentEnabled, String createdAt, Boolean activationRequired, String activationUrl,
            PendingBalance pendingBalance, Boolean hasWallet, Failure error) {

        static RoomMember of(Result result) {
            return switch (result) {
                case Resolved r -> new RoomMember(r.walletId(), r.walletStatus(), r.userStatus(), r.displayName(),
                        r.avatarUrl(), r.paymentEnabled(), r.createdAt(), r.activationRequired(), r.activationUrl(),
                        r.pendingBalance(), true, null);
                case Unresolved u -> new RoomMember(null, null, null, null, null, null, null, null, null, null, null,
                        u.error());
            };
        }
    }
}
