package dev.tmcp.wallet.security;

import dev.tmcp.wallet.WalletProperties;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.api.RedissonReactiveClient;
import org.redisson.config.Config;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RedissonConfig {

    @Bean(destroyMethod = "shutdown")
    RedissonClient redisson(WalletProperties properties) {
        Config config = new Config();
        config.useSingleServer().setAddress(properties.redisUrl()).setConnectionMinimumIdleSize(2).setConnectionPoolSize(8);
        return Redisson.create(config);
    }

    @Bean
    RedissonReactiveClient redissonReactive(RedissonClient redisson) {
        return redisson.reactive();
    }
}
