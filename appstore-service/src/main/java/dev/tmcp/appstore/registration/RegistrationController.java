package dev.tmcp.appstore.registration;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.web.error.OAuthError;
import dev.tmcp.web.platform.PlatformCredentials;
import dev.tmcp.web.tep.DeveloperPrincipal;
import dev.tmcp.web.tep.DeveloperRole;
import dev.tmcp.web.tep.TepVerifier;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code POST /mini-apps/v1/register} (spec 9.1.1): a developer token with {@code miniapp:register}
 * in the owning organization; or the platform service credentials (HTTP Basic, spec 4.4.9), the
 * only caller that may register {@code official} (16.3) or {@code verified} apps.
 */
@RestController
class RegistrationController {

    private final Registrations registrations;
    private final TepVerifier verifier;
    private final PlatformCredentials platform;

    RegistrationController(Registrations registrations, TepVerifier verifier, PlatformCredentials platform) {
        this.registrations = registrations;
        this.verifier = verifier;
        this.platform = platform;
    }

    @PostMapping("/mini-apps/v1/register")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Registered> register(ServerWebExchange http, @RequestBody RegistrationRequest request) {
        HttpHeaders headers = http.getRequest().getHeaders();
        if (platform.presented(headers)) {
            platform.require(headers, null);
            RegistrationRules.Checked checked = RegistrationRules.check(request, true);
            return registrations.register(request, checked, new Registrations.Owner(null, null, platform.clientId()));
        }
        return verifier.verifyDeveloper(headers.getFirst(HttpHeaders.AUTHORIZATION)).flatMap(developer -> {
            developer.requirePermission(DeveloperRole.Permissions.REGISTER);
            DeveloperPrincipal.Organization org = owningOrganization(developer, request.orgId());
            if (!org.grants(DeveloperRole.Permissions.REGISTER)) {
                return Mono.error(OAuthError.insufficientPermissions(DeveloperRole.Permissions.REGISTER));
            }
            RegistrationRules.Checked checked = RegistrationRules.check(request, false);
            String developerId = developer.developerId().value();
            return registrations.register(request, checked, new Registrations.Owner(developerId, org.orgId(), developerId));
        });
    }

    /**
     * The organization named by {@code org_id}; without it, the only organization in which the
     * developer may register (ambiguity is a 400, not a guess).
     */
    private static DeveloperPrincipal.Organization owningOrganization(DeveloperPrincipal developer, String orgId) {
        if (orgId != null) {
            return developer.organization(orgId).orElseThrow(() -> new OAuthError(403, "insufficient_permissions",
                    "Developer is not a member of organization " + orgId, Map.of()));
        }
        List<DeveloperPrincipal.Organization> candidates = developer.organizations().stream()
                .filter(o -> o.grants(DeveloperRole.Permissions.REGISTER)).toList();
        if (candidates.size() == 1) {
            return candidates.getFirst();
        }
        if (candidates.isEmpty()) {
            throw OAuthError.insufficientPermissions(DeveloperRole.Permissions.REGISTER);
        }
        throw new TmcpException(ErrorCode.INVALID_REQUEST,
                "org_id is required: the developer may register for several organizations");
    }
}
