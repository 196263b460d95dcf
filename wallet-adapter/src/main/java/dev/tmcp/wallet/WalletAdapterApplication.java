package dev.tmcp.wallet;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class WalletAdapterApplication {

    public static void main(String[] args) {
        SpringApplication.run(WalletAdapterApplication.class, args);
    }
}
