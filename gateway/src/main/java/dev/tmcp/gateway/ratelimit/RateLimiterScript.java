package dev.tmcp.gateway.ratelimit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

@Configuration(proxyBeanMethods = false)
class RateLimiterScript {

    /**
     * Spring Cloud Gateway's own token-bucket limiter and Lua script, with the script read once.
     * The default wraps it in a ResourceScriptSource that checks the resource's last-modified time
     * inside the jar on every request: a fifth of the gateway's CPU under load in bench/run.sh.
     */
    @Bean
    @SuppressWarnings({"unchecked", "rawtypes"})
    RedisRateLimiter redisRateLimiter(ReactiveStringRedisTemplate redis, ConfigurationService configuration) {
        try {
            String lua = new ClassPathResource("META-INF/scripts/request_rate_limiter.lua")
                    .getContentAsString(StandardCharsets.UTF_8);
            RedisScript script = RedisScript.of(lua, List.class);
            return new RedisRateLimiter(redis, (RedisScript<List<Long>>) script, configuration);
        } catch (IOException e) {
            throw new UncheckedIOException("Spring Cloud Gateway's rate limiter script is missing", e);
        }
    }
}
