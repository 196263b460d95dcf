package dev.tmcp.web.ratelimit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;

/** Takes a token from several buckets of one subject at once, in Redis ({@code scripts/token_buckets.lua}). */
final class TokenBuckets {

    /** The answer for one request. */
    record Outcome(Status status, long nowMillis, long suspendedUntilMillis, int limitingIndex, double[] tokens) {
    }

    enum Status { OK, LIMITED, SUSPENDED }

    private final ReactiveStringRedisTemplate redis;
    private final RedisScript<List<Object>> script;
    private final RateRow.Suspension suspension;
    private final double scale;

    @SuppressWarnings({"unchecked", "rawtypes"})
    TokenBuckets(ReactiveStringRedisTemplate redis, RateRow.Suspension suspension, double scale) {
        this.redis = redis;
        this.suspension = suspension;
        this.scale = scale;
        try {
            // Read once: a ResourceScriptSource re-checks the jar entry on every call.
            String lua = new ClassPathResource("scripts/token_buckets.lua").getContentAsString(StandardCharsets.UTF_8);
            this.script = (RedisScript) RedisScript.of(lua, List.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Mono<Outcome> take(String subject, boolean suspendable, List<RateRow> rows) {
        String tag = "{" + subject + "}";
        List<String> keys = new ArrayList<>();
        keys.add(Suspensions.key(subject));
        keys.add("tmcp:rl-violations:" + tag);
        List<String> args = new ArrayList<>(List.of(suspendable ? "1" : "0", Integer.toString(suspension.violations()),
                Long.toString(suspension.window().toSeconds()), Long.toString(suspension.duration().toSeconds())));
        for (RateRow row : rows) {
            keys.add("tmcp:rl:" + tag + ":" + row.name());
            args.add(Double.toString(row.capacity(scale)));
            args.add(Double.toString(row.rate(scale)));
        }
        // Without Redis no budget can be checked: refuse (503) rather than serve unlimited.
        return redis.execute(script, keys, args).next().map(TokenBuckets::outcome)
                .onErrorMap(e -> !(e instanceof dev.tmcp.core.error.TmcpException),
                        e -> new dev.tmcp.core.error.TmcpException(dev.tmcp.core.error.ErrorCode.SERVICE_UNAVAILABLE,
                                "Rate limits cannot be checked right now", java.util.Map.of("retry_after", 5)));
    }

    private static Outcome outcome(List<Object> reply) {
        Status status = switch (String.valueOf(reply.get(0))) {
            case "ok" -> Status.OK;
            case "limited" -> Status.LIMITED;
            default -> Status.SUSPENDED;
        };
        long now = Long.parseLong(String.valueOf(reply.get(1)));
        long until = Long.parseLong(String.valueOf(reply.get(2)));
        int limiting = Integer.parseInt(String.valueOf(reply.get(3)));
        double[] tokens = new double[Math.max(0, reply.size() - 4)];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = Double.parseDouble(String.valueOf(reply.get(4 + i)));
        }
        return new Outcome(status, now, until, limiting, tokens);
    }
}
