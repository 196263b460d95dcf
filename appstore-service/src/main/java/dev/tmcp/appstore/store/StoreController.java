package dev.tmcp.appstore.store;

import dev.tmcp.appstore.access.HostApps;
import dev.tmcp.web.tep.TepPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The store (spec 16.6.1, decisions 0044 and 0049) for a signed-in user: categories, browsing and
 * search, one app in full, its reviews. Rating is the host's (its official app's TEP), for a user
 * who installed the app: a third-party app could otherwise rate itself for its users.
 */
@RestController
class StoreController {

    record RatingRequest(Integer rating, String review) {
    }

    private final StoreCatalogue catalogue;
    private final StoreDetails details;
    private final Ratings ratings;
    private final HostApps hosts;

    StoreController(StoreCatalogue catalogue, StoreDetails details, Ratings ratings, HostApps hosts) {
        this.catalogue = catalogue;
        this.details = details;
        this.ratings = ratings;
        this.hosts = hosts;
    }

    @GetMapping("/api/v1/store/categories")
    Mono<StoreViews.Categories> categories(TepPrincipal user) {
        return catalogue.categories().map(StoreViews.Categories::new);
    }

    @GetMapping("/api/v1/store/apps")
    Mono<StoreViews.AppPage> apps(TepPrincipal user, @RequestParam(required = false) String category,
            @RequestParam(required = false) String sort, @RequestParam(required = false) String classification,
            @RequestParam(required = false) String q, @RequestParam(required = false) String limit,
            @RequestParam(required = false) String offset) {
        StoreQuery query = StoreQuery.of(category, sort, classification, q, limit, offset);
        return catalogue.apps(query, user.userId().value());
    }

    @GetMapping("/api/v1/store/apps/{miniappId}")
    Mono<StoreViews.AppDetail> app(TepPrincipal user, @PathVariable String miniappId) {
        return details.detail(miniappId, user.userId().value());
    }

    @PutMapping("/api/v1/store/apps/{miniappId}/rating")
    Mono<StoreViews.MyRating> rate(TepPrincipal user, @PathVariable String miniappId, @RequestBody RatingRequest request) {
        return hosts.requireHost(user, "Ratings are given in the host's store")
                .then(ratings.rate(miniappId, user.userId().value(), request == null ? null : request.rating(),
                        request == null ? null : request.review()))
                .map(r -> new StoreViews.MyRating(r.rating(), r.review(), r.updatedAt()));
    }

    @DeleteMapping("/api/v1/store/apps/{miniappId}/rating")
    Mono<Void> unrate(TepPrincipal user, @PathVariable String miniappId) {
        return hosts.requireHost(user, "Ratings are given in the host's store")
                .then(ratings.remove(miniappId, user.userId().value()));
    }

    @GetMapping("/api/v1/store/apps/{miniappId}/reviews")
    Mono<StoreViews.Reviews> reviews(TepPrincipal user, @PathVariable String miniappId,
            @RequestParam(required = false) String limit, @RequestParam(required = false) String offset) {
        StoreQuery page = StoreQuery.of(null, null, null, null, limit, offset);
        return ratings.reviews(miniappId, page.limit(), page.offset())
                .map(p -> new StoreViews.Reviews(miniappId, p.reviews().stream()
                        .map(r -> new StoreViews.Review(r.userId(), r.rating(), r.review(), r.updatedAt())).toList(),
                        new StoreViews.Pagination(p.total(), page.limit(), page.offset(),
                                page.offset() + p.reviews().size() < p.total())));
    }
}
