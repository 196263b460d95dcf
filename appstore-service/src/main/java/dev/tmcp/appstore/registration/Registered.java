package dev.tmcp.appstore.registration;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** The answer to a registration (spec 9.1.1): the credentials, shown this once. */
record Registered(String miniappId, String status, Credentials credentials, Instant createdAt) {

    /**
     * A hybrid app gets a public and a confidential client; any other app its own client id, with a
     * secret when confidential. Every app gets its webhook secret.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Credentials(Client publicClient, Client confidentialClient, String clientId, String clientSecret,
            String webhookSecret) {

        @Override
        public String toString() {
            return "Credentials[" + (clientId != null ? clientId : publicClient.clientId()) + ", <secrets redacted>]";
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Client(String clientId, String clientSecret, String description) {

        @Override
        public String toString() {
            return "Client[" + clientId + "]";
        }
    }
}
