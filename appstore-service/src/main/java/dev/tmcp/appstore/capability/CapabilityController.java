package dev.tmcp.appstore.capability;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.web.tep.TepPrincipal;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Spec 10.5.2 with any TEP; the host names its {@code platform} and {@code client_version}. */
@RestController
class CapabilityController {

    private static final Set<String> PLATFORMS = Set.of("ios", "android", "web", "desktop");
    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z.+-]{1,40}");

    private final Capabilities capabilities;

    CapabilityController(Capabilities capabilities) {
        this.capabilities = capabilities;
    }

    @GetMapping("/api/v1/capabilities")
    Mono<CapabilityAnswer> capabilities(TepPrincipal user, @RequestParam(required = false) String platform,
            @RequestParam(name = "client_version", required = false) String clientVersion) {
        if (platform != null && !PLATFORMS.contains(platform)) {
            throw new TmcpException(ErrorCode.INVALID_REQUEST, "platform must be one of ios, android, web, desktop");
        }
        if (clientVersion != null && !VERSION.matcher(clientVersion).matches()) {
            throw new TmcpException(ErrorCode.INVALID_REQUEST, "client_version is at most 40 of 0-9 A-Z a-z . + -");
        }
        return capabilities.of(user, platform, clientVersion);
    }
}
