package dev.tmcp.auth.platform;

import dev.tmcp.auth.oauth.OAuthException;
import dev.tmcp.auth.revocation.Revocations;
import dev.tmcp.core.id.UserId;
import dev.tmcp.web.platform.PlatformCredentials;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code DELETE /admin/users/{user_id}}: the platform tells the suite that an account was deleted
 * (spec 10.3.6 "storage MUST be deleted when user account is deleted"). Every TEP session of the
 * user ends at once and {@code user.deleted} goes out, on which each service erases the user's data.
 */
@RestController
class AccountAdminController {

    private final PlatformCredentials platform;
    private final Revocations revocations;

    AccountAdminController(PlatformCredentials platform, Revocations revocations) {
        this.platform = platform;
        this.revocations = revocations;
    }

    /** {@code {"user_id": …, "deleted": true, "sessions_revoked": n}}. */
    record Deleted(String userId, boolean deleted, int sessionsRevoked) {
    }

    @DeleteMapping("/admin/users/{userId}")
    Mono<Deleted> delete(@PathVariable String userId, ServerWebExchange http) {
        platform.require(http.getRequest().getHeaders(), null);
        if (!UserId.isValid(userId)) {
            return Mono.error(OAuthException.invalidRequest("user_id must be a Matrix user id"));
        }
        return revocations.deleteAccount(userId)
                .map(sessions -> new Deleted(userId, true, sessions));
    }

}
