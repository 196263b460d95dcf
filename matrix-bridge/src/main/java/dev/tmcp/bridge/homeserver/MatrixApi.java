package dev.tmcp.bridge.homeserver;

import dev.tmcp.bridge.BridgeProperties;
import dev.tmcp.web.client.ServiceClient;
import dev.tmcp.web.client.ServiceClients;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;

/**
 * The Client-Server API calls the bridge makes as the Application Service (as_token, acting as a
 * virtual user through {@code user_id}). Errors keep the homeserver's status so callers can tell a
 * refusal (403) from an outage.
 */
@Component
public class MatrixApi {

    private final ServiceClient homeserver;
    private final BridgeProperties properties;

    MatrixApi(ServiceClients clients, BridgeProperties properties) {
        this.homeserver = clients.create("homeserver", properties.homeserverUrl(), Duration.ofSeconds(10));
        this.properties = properties;
    }

    /** Registers a virtual user in the AS namespace; an existing one is fine. */
    public Mono<Void> registerVirtualUser(String localpart) {
        return raw(web -> web.post().uri("/_matrix/client/v3/register")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + properties.asToken())
                .bodyValue(Map.of("type", "m.login.application_service", "username", localpart, "inhibit_login", true))
                .retrieve().toBodilessEntity().then())
                .onErrorResume(e -> e instanceof MatrixError m && "M_USER_IN_USE".equals(m.errcode()), e -> Mono.empty());
    }

    public Mono<Void> setDisplayName(String userId, String displayName) {
        return raw(web -> web.put().uri(b -> b.path("/_matrix/client/v3/profile/{userId}/displayname")
                        .queryParam("user_id", userId).build(userId))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + properties.asToken())
                .bodyValue(Map.of("displayname", displayName))
                .retrieve().toBodilessEntity().then());
    }

    /** Uploads a file to the media repository as a virtual user; answers its {@code mxc://} URI. */
    public Mono<String> upload(byte[] content, String contentType, String fileName, String asUser) {
        return raw(web -> web.post().uri(b -> b.path("/_matrix/media/v3/upload").queryParam("user_id", asUser)
                        .queryParam("filename", fileName).build())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + properties.asToken())
                .header(HttpHeaders.CONTENT_TYPE, contentType)
                .bodyValue(content)
                .retrieve().bodyToMono(Map.class).map(body -> (String) body.get("content_uri")));
    }

    public Mono<Void> setAvatarUrl(String userId, String mxcUri) {
        return raw(web -> web.put().uri(b -> b.path("/_matrix/client/v3/profile/{userId}/avatar_url")
                        .queryParam("user_id", userId).build(userId))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + properties.asToken())
                .bodyValue(Map.of("avatar_url", mxcUri))
                .retrieve().toBodilessEntity().then());
    }

    public Mono<Void> join(String roomId, String asUser) {
        return raw(web -> web.post().uri(b -> b.path("/_matrix/client/v3/join/{roomId}")
                        .queryParam("user_id", asUser).build(roomId))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + properties.asToken())
                .bodyValue(Map.of())
                .retrieve().toBodilessEntity().then());
    }

    /** Sends a room event; the transaction id makes a retry return the first event instead of a second one. */
    public Mono<String> send(String roomId, String eventType, String txnId, Map<String, Object> content, String asUser) {
        return raw(web -> web.put().uri(b -> b.path("/_matrix/client/v3/rooms/{roomId}/send/{type}/{txnId}")
                        .queryParam("user_id", asUser).build(roomId, eventType, txnId))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + properties.asToken())
                .bodyValue(content)
                .retrieve().bodyToMono(EventId.class).map(EventId::eventId));
    }

    /** Sends a state event; Synapse returns the current event when the content is unchanged, so a retry adds nothing. */
    public Mono<String> sendState(String roomId, String eventType, String stateKey, Map<String, Object> content,
            String asUser) {
        return raw(web -> web.put().uri(b -> b.path("/_matrix/client/v3/rooms/{roomId}/state/{type}/{stateKey}")
                        .queryParam("user_id", asUser).build(roomId, eventType, stateKey))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + properties.asToken())
                .bodyValue(content)
                .retrieve().bodyToMono(EventId.class).map(EventId::eventId));
    }

    /** Creates a room as a virtual user; answers its room id. */
    public Mono<String> createRoom(Map<String, Object> request, String asUser) {
        return raw(web -> web.post().uri(b -> b.path("/_matrix/client/v3/createRoom").queryParam("user_id", asUser).build())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + properties.asToken())
                .bodyValue(request)
                .retrieve().bodyToMono(RoomIdBody.class).map(RoomIdBody::roomId));
    }

    /** The room an alias points to; {@link MatrixError} 404 when there is none. */
    public Mono<String> resolveAlias(String alias) {
        return raw(web -> web.get().uri("/_matrix/client/v3/directory/room/{alias}", alias)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + properties.asToken())
                .retrieve().bodyToMono(RoomIdBody.class).map(RoomIdBody::roomId));
    }

    /** Invites a user as one of the Application Service's own users. */
    public Mono<Void> inviteAs(String roomId, String userId, String asUser) {
        return raw(web -> web.post().uri(b -> b.path("/_matrix/client/v3/rooms/{roomId}/invite")
                        .queryParam("user_id", asUser).build(roomId))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + properties.asToken())
                .bodyValue(Map.of("user_id", userId))
                .retrieve().toBodilessEntity().then());
    }

    /** Invites a user with another user's token (see {@link HomeserverAdmin#actingAs}). */
    public Mono<Void> invite(String roomId, String userId, String accessToken) {
        return raw(web -> web.post().uri("/_matrix/client/v3/rooms/{roomId}/invite", roomId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken)
                .bodyValue(Map.of("user_id", userId))
                .retrieve().toBodilessEntity().then());
    }

    public Mono<Profile> profile(String userId) {
        return raw(web -> web.get().uri("/_matrix/client/v3/profile/{userId}", userId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + properties.asToken())
                .retrieve().bodyToMono(Profile.class));
    }

    record EventId(String eventId) {
    }

    record RoomIdBody(String roomId) {
    }

    public record Profile(String displayname, String avatarUrl) {
    }

    public record JoinedRooms(List<String> joinedRooms) {
    }

    <T> Mono<T> raw(java.util.function.Function<org.springframework.web.reactive.function.client.WebClient, Mono<T>> call) {
        return homeserver.call(web -> call.apply(web)
                .onErrorMap(WebClientResponseException.class, MatrixApi::toMatrixError));
    }

    static Throwable toMatrixError(WebClientResponseException e) {
        if (e.getStatusCode().is5xxServerError()) {
            return e;
        }
        String errcode = "M_UNKNOWN";
        long retryAfterMs = 0;
        try {
            Map<?, ?> body = e.getResponseBodyAs(Map.class);
            if (body != null && body.get("errcode") instanceof String code) {
                errcode = code;
            }
            if (body != null && body.get("retry_after_ms") instanceof Number retry) {
                retryAfterMs = retry.longValue();
            }
        } catch (RuntimeException ignored) {
            // a non-JSON error body: keep M_UNKNOWN
        }
        return new MatrixError(e.getStatusCode(), errcode, retryAfterMs);
    }

    /** A 4xx answer of the homeserver. */
    public static final class MatrixError extends dev.tmcp.core.error.TmcpException {

        private final HttpStatusCode status;
        private final String errcode;
        private final long retryAfterMs;

        public MatrixError(HttpStatusCode status, String errcode, long retryAfterMs) {
            super(dev.tmcp.core.error.ErrorCode.INVALID_REQUEST, "homeserver answered " + status.value() + " " + errcode);
            this.status = status;
            this.errcode = errcode;
            this.retryAfterMs = retryAfterMs;
        }

        /** The homeserver's {@code retry_after_ms} of a 429, else 0. */
        public long retryAfterMs() {
            return retryAfterMs;
        }

        public HttpStatusCode status() {
            return status;
        }

        public String errcode() {
            return errcode;
        }
    }
}
