package dev.tmcp.appstore.install;

import dev.tmcp.web.tep.TepPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Spec 16.6.2: install and uninstall a mini-app for the calling user. */
@RestController
class InstallController {

    private final Installations installations;

    InstallController(Installations installations) {
        this.installations = installations;
    }

    record InstallResponse(String miniappId, String status, String installId) {
    }

    record UninstallResponse(String miniappId, String status) {
    }

    @PostMapping("/api/v1/store/apps/{miniappId}/install")
    Mono<InstallResponse> install(TepPrincipal user, @PathVariable String miniappId) {
        return installations.install(user, miniappId)
                .map(installId -> new InstallResponse(miniappId, "installed", installId));
    }

    @DeleteMapping("/api/v1/store/apps/{miniappId}/install")
    Mono<UninstallResponse> uninstall(TepPrincipal user, @PathVariable String miniappId) {
        return installations.uninstall(user, miniappId)
                .thenReturn(new UninstallResponse(miniappId, "uninstalled"));
    }
}
