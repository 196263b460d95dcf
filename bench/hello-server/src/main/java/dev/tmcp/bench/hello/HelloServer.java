package dev.tmcp.bench.hello;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The benchmark's floor: what the server stack costs with no work behind it. */
@SpringBootApplication
public class HelloServer {

    public static void main(String[] args) {
        SpringApplication.run(HelloServer.class, args);
    }

    @Bean
    RouterFunction<ServerResponse> hello() {
        return RouterFunctions.route().GET("/hello", request -> ServerResponse.ok().bodyValue("{\"hello\":\"world\"}")).build();
    }
}
