package dev.tmcp.auth.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import dev.tmcp.auth.AuthProperties;
import dev.tmcp.auth.developer.DeveloperProperties;
import dev.tmcp.auth.keys.SigningKeys;
import dev.tmcp.test.StackEnv;
import dev.tmcp.web.tep.TepPrincipal;
import dev.tmcp.web.tep.TepProperties;
import dev.tmcp.web.tep.TepVerifier;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/** Two rotations in a day do not kill live TEPs: a retired key stays published until its tokens expire. */
class KeyRotationIT extends AuthServiceIT {

    @Autowired
    TepProperties tep;
    @Autowired
    DatabaseClient db;
    @Autowired
    AuthProperties auth;
    @Autowired
    DeveloperProperties developer;
    @Autowired
    TransactionalOperator tx;

    private static String platform() {
        String pair = StackEnv.get("TMCP_CONSOLE_CLIENT_ID") + ":" + StackEnv.get("TMCP_CONSOLE_CLIENT_SECRET");
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aTepSignedBeforeTwoRotationsStillVerifiesAgainstAFreshJwks() {
        String app = "ma_itkeys_" + run();
        REGISTRY.publicApp(app);
        Answer issued = exchange(matrixUser("keys").accessToken(), app, "user:read");
        assertThat(issued.status()).as("%s", issued.body()).isEqualTo(200);
        String token = issued.text("access_token");

        assertThat(send("POST", "/admin/keys/rotate", platform(), null, null).status()).isEqualTo(200);
        assertThat(send("POST", "/admin/keys/rotate", platform(), null, null).status()).isEqualTo(200);

        // A verifier that has never seen the old key: it must find it in today's JWKS.
        TepVerifier fresh = new TepVerifier(new TepProperties(BASE + "/.well-known/jwks.json", tep.issuer()));
        TepPrincipal principal = fresh.verifyTep("Bearer " + token).block();
        assertThat(principal.clientId()).isEqualTo(app);
    }

    @Test
    void theJwksPublishesEveryKeyRetiredWithinTheTokenLifetime() {
        int before = send("GET", "/.well-known/jwks.json", null, null, null).body().path("keys").size();

        assertThat(send("POST", "/admin/keys/rotate", platform(), null, null).status()).isEqualTo(200);
        Answer rotated = send("POST", "/admin/keys/rotate", platform(), null, null);
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.text("active_kid")).isNotBlank();
        assertThat(rotated.body().path("rotated").asBoolean()).isTrue();

        assertThat(send("GET", "/.well-known/jwks.json", null, null, null).body().path("keys").size()).isEqualTo(before + 2);
    }

    @Test
    void aRotationThroughAnotherReplicaSignsThisReplicasNextToken() throws Exception {
        String app = "ma_itrep_" + run();
        REGISTRY.publicApp(app);
        String before = kid(exchange(matrixUser("keyrep").accessToken(), app, "user:read"));
        SigningKeys otherReplica = new SigningKeys(db, auth, developer.tokenLifetime(), tx);

        String rotated = otherReplica.rotate().block();

        assertThat(rotated).isNotEqualTo(before);
        assertThat(kid(exchange(matrixUser("keyrep").accessToken(), app, "user:read"))).isEqualTo(rotated);
    }

    private static String kid(Answer issued) throws java.text.ParseException {
        assertThat(issued.status()).as("%s", issued.body()).isEqualTo(200);
        return SignedJWT.parse(issued.text("access_token").substring("tep.".length())).getHeader().getKeyID();
    }
}
