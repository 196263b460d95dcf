package dev.tmcp.payment.stuck;

import dev.tmcp.web.internal.ServiceCredentials;
import dev.tmcp.web.jobs.StuckItem;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * For operators: what is stuck past its deadline. Not routed by the gateway; authenticated with the
 * deployment's service credentials ({@code payment-service:${TMCP_PAYMENT_SERVICE_SECRET}}), like the
 * internal endpoints of wallet-adapter.
 */
@RestController
class StuckController {

    private final StuckListing listing;
    private final ServiceCredentials credentials;

    StuckController(StuckListing listing, @Value("${tmcp.payment.service-secret:}") String secret) {
        this.listing = listing;
        this.credentials = new ServiceCredentials("payment-service", secret);
    }

    @GetMapping("/internal/v1/stuck")
    Mono<Map<String, List<StuckItem>>> stuck(@RequestHeader HttpHeaders headers) {
        credentials.require(headers);
        return listing.stuck().collectList().map(items -> Map.of("stuck", items));
    }
}
