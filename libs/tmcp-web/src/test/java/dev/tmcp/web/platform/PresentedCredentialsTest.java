package dev.tmcp.web.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tmcp.web.error.OAuthError;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

/** HTTP Basic client credentials: malformed ones are the client's 401, never a 500. */
class PresentedCredentialsTest {

    @Test
    void aBadPercentEscapeIsAnInvalidClient() {
        assertThatThrownBy(() -> PresentedCredentials.read(basic("%zz:x"), null))
                .isInstanceOfSatisfying(OAuthError.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void aControlCharacterIsAnInvalidClient() {
        assertThatThrownBy(() -> PresentedCredentials.read(basic("ma_x%00:secret"), null))
                .isInstanceOfSatisfying(OAuthError.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void formEncodedPartsAreDecoded() {
        PresentedCredentials read = PresentedCredentials.read(basic("ma_x_backend:s%3Acret+1"), null);
        assertThat(read.clientId()).isEqualTo("ma_x_backend");
        assertThat(read.secret()).isEqualTo("s:cret 1");
    }

    private static HttpHeaders basic(String pair) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.AUTHORIZATION, "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        return headers;
    }
}
