package dev.tmcp.wallet.ledger.withdrawal;

import dev.tmcp.web.internal.ServiceCredentials;
import dev.tmcp.web.jobs.StuckItem;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** For operators: everything of this service still in an intermediate state past its deadline. */
@RestController
class StuckController {

    private final WithdrawalJobs jobs;
    private final ServiceCredentials credentials;

    StuckController(WithdrawalJobs jobs, ServiceCredentials credentials) {
        this.jobs = jobs;
        this.credentials = credentials;
    }

    @GetMapping("/internal/v1/stuck")
    Mono<Map<String, List<StuckItem>>> stuck(@RequestHeader HttpHeaders headers) {
        credentials.require(headers);
        return jobs.stuck().collectList().map(items -> Map.of("stuck", items));
    }
}
