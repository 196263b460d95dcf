package dev.tmcp.appstore.install;

import dev.tmcp.web.tep.TepPrincipal;
import java.util.Map;
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

    @PostMapping("/api/v1/store/apps/{miniappId}/install")
    Mono<Map<String, Object>> install(TepPrincipal user, @PathVariable String miniappId) {
        return installations.install(user, miniappId)
                .map(installId -> Map.of("miniapp_id", miniappId, "status", "installed", "install_id", installId));
    }

    @DeleteMapping("/api/v1/store/apps/{miniappId}/install")
    Mono<Map<String, Object>> uninstall(TepPrincipal user, @PathVariable String miniappId) {
        return installations.uninstall(user, miniappId)
                .thenReturn(Map.of("miniapp_id", miniappId, "status", "uninstalled"));
    }
}
