package dev.tmcp.appstore.store;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The store's answers (spec 16.6.1, decisions 0044 and 0049). */
final class StoreViews {

    private StoreViews() {
    }

    record Category(String categoryId, String name, long appCount) {
    }

    record Categories(List<Category> categories) {
    }

    /** An app as a listing shows it; {@code rating.average} is absent while nobody rated it. */
    record StoreApp(String miniappId, String name, String classification, String category, RatingSummary rating,
            long installCount, String iconUrl, Marketing marketing, String version, boolean preinstalled,
            boolean installed, boolean trending) {
    }

    record RatingSummary(BigDecimal average, long count) {
        static RatingSummary of(long count, long sum) {
            return new RatingSummary(count == 0 ? null
                    : BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 1, RoundingMode.HALF_UP), count);
        }
    }

    record Marketing(List<String> screenshots, String themeColor) {
    }

    record Pagination(long total, int limit, int offset, boolean hasMore) {
    }

    record AppPage(List<StoreApp> apps, Pagination pagination) {
    }

    /** One app in full: the listing's fields, what it is, its release, its usage and how it ranks. */
    record AppDetail(@JsonUnwrapped StoreApp app, String shortName, String description, Developer developer,
            Release release, long activeUsers30d, RankingView ranking, MyRating myRating) {
    }

    record Developer(String companyName, String website) {
    }

    record Release(String version, String releaseNotes, Instant releaseDate) {
    }

    /** The 16.6.3 score with each factor: its figure, its weight and its value scaled to 0–1. */
    record RankingView(double score, boolean trending, Map<String, Factor> factors) {
    }

    record Factor(Object value, double weight, double scaled) {
    }

    record MyRating(int rating, String review, Instant updatedAt) {
    }

    record Reviews(String miniappId, List<Review> reviews, Pagination pagination) {
    }

    record Review(String userId, int rating, String review, Instant updatedAt) {
    }
}
