package dev.tmcp.appstore.store;

import java.time.Duration;

/**
 * The store's ranking (spec 16.6.3, decision 0049): five factors, each brought to 0–1, weighted
 * 30/25/20/15/10. Counts are compared on a log scale with the store's largest, so one giant does
 * not flatten every other app to zero; the rating is a Bayesian average that starts at a neutral 3
 * with the weight of {@value #PRIOR_RATINGS} ratings, so one 5-star rating does not outrank a
 * thousand 4.8s; recency halves every {@value #RECENCY_HALF_LIFE_DAYS} days since the last release.
 */
final class Ranking {

    static final double INSTALLS = 0.30;
    static final double ACTIVE_USERS = 0.25;
    static final double RATING = 0.20;
    static final double ENGAGEMENT = 0.15;
    static final double RECENCY = 0.10;
    static final int PRIOR_RATINGS = 10;
    static final double PRIOR_AVERAGE = 3.0;
    static final int RECENCY_HALF_LIFE_DAYS = 30;
    /** Trending needs this many installs in the last week, so 1 → 2 installs is not "+100 %". */
    static final int TRENDING_MIN_WEEKLY_INSTALLS = 10;
    static final double TRENDING_GROWTH = 1.20;

    private Ranking() {
    }

    /** One app's raw figures. */
    record Factors(long installs, long activeUsers30d, double dailySessionsPerUser, long ratingCount, long ratingSum,
            Duration sinceRelease) {
    }

    /** The store's largest figures, against which an app's are scaled. */
    record Norms(long maxInstalls, long maxActiveUsers, double maxDailySessionsPerUser) {
    }

    /** Each factor scaled to 0–1, and the weighted score. */
    record Score(double installs, double activeUsers, double rating, double engagement, double recency, double total) {
    }

    static Score score(Factors f, Norms n) {
        double installs = logShare(f.installs(), n.maxInstalls());
        double active = logShare(f.activeUsers30d(), n.maxActiveUsers());
        double rating = (bayesianAverage(f.ratingCount(), f.ratingSum()) - 1) / 4;
        double engagement = n.maxDailySessionsPerUser() <= 0 ? 0 : Math.min(1, f.dailySessionsPerUser() / n.maxDailySessionsPerUser());
        double days = Math.max(0, f.sinceRelease().toSeconds() / 86_400.0);
        double recency = Math.pow(0.5, days / RECENCY_HALF_LIFE_DAYS);
        double total = INSTALLS * installs + ACTIVE_USERS * active + RATING * rating + ENGAGEMENT * engagement
                + RECENCY * recency;
        return new Score(installs, active, rating, engagement, recency, total);
    }

    /** The average rating pulled towards a neutral 3 while there are few ratings. */
    static double bayesianAverage(long count, long sum) {
        return (PRIOR_RATINGS * PRIOR_AVERAGE + sum) / (PRIOR_RATINGS + count);
    }

    /** Spec 16.6.3: install growth over 20 % week over week (with at least a few installs). */
    static boolean trending(long installsThisWeek, long installsLastWeek) {
        return installsThisWeek >= TRENDING_MIN_WEEKLY_INSTALLS && installsThisWeek > installsLastWeek * TRENDING_GROWTH;
    }

    private static double logShare(long value, long max) {
        if (value <= 0 || max <= 0) {
            return 0;
        }
        return Math.min(1, Math.log1p(value) / Math.log1p(max));
    }
}
