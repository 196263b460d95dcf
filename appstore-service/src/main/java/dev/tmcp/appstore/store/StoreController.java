package dev.tmcp.appstore.store;

import dev.tmcp.web.tep.TepPrincipal;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Store discovery (spec 16.6.1) for a signed-in user (any TEP): categories and browsing. */
@RestController
class StoreController {

    private final StoreCatalogue catalogue;

    StoreController(StoreCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @GetMapping("/api/v1/store/categories")
    Mono<Map<String, Object>> categories(TepPrincipal user) {
        return catalogue.categories().map(categories -> Map.of("categories", categories));
    }

    @GetMapping("/api/v1/store/apps")
    Mono<Map<String, Object>> apps(TepPrincipal user, @RequestParam(required = false) String category,
            @RequestParam(required = false) String sort, @RequestParam(required = false) String classification,
            @RequestParam(required = false) String limit, @RequestParam(required = false) String offset) {
        StoreQuery query = StoreQuery.of(category, sort, classification, limit, offset);
        return catalogue.apps(query, user.userId().value());
    }
}
