package dev.tmcp.web.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tmcp.web.error.OAuthError;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.util.LinkedMultiValueMap;

class PresentedCredentialsTest {

    private static HttpHeaders basic(String raw) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.AUTHORIZATION, "Basic " + raw);
        return headers;
    }

    private static String b64(String plain) {
        return Base64.getEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    private static void refusedAsInvalidClient(HttpHeaders headers) {
        assertThatThrownBy(() -> PresentedCredentials.read(headers, new LinkedMultiValueMap<>()))
                .isInstanceOfSatisfying(OAuthError.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.error()).isEqualTo("invalid_client");
                });
    }

    @Test
    void aBadPercentEscapeInTheIdIsInvalidClient() {
        refusedAsInvalidClient(basic(b64("%zz:x")));
    }

    @Test
    void aBadPercentEscapeInTheSecretIsInvalidClient() {
        refusedAsInvalidClient(basic(b64("ma_x:%g")));
    }

    @Test
    void notBase64IsInvalidClient() {
        refusedAsInvalidClient(basic("***not base64***"));
    }

    @Test
    void credentialsWithoutAColonAreInvalidClient() {
        refusedAsInvalidClient(basic(b64("ma_x")));
    }

    @Test
    void anEmptyBasicValueIsInvalidClient() {
        refusedAsInvalidClient(basic(""));
    }

    @Test
    void wellFormedCredentialsAreRead() {
        PresentedCredentials read = PresentedCredentials.read(basic(b64("ma_x:s%3Acret")), new LinkedMultiValueMap<>());
        assertThat(read.clientId()).isEqualTo("ma_x");
        assertThat(read.secret()).isEqualTo("s:cret");
    }

    @Test
    void aControlCharacterIsInvalidClient() {
        refusedAsInvalidClient(basic(b64("ma_x%00:secret")));
    }
}
