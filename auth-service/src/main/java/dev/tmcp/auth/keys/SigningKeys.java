package dev.tmcp.auth.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.tmcp.auth.AuthProperties;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * TEP signing keys: one active key signs; it and every key retired within the longest token
 * lifetime are published in the JWKS, so tokens signed before any number of rotations keep
 * verifying. The database's row is the one truth for every replica: each signature first reads the
 * active key id (one indexed row), so a rotation made through one replica is used by the next token
 * any replica signs; only the decrypted key is kept in memory. Creation and rotation take one
 * advisory lock, so concurrent first starts or rotations never leave two active keys.
 */
@Component
public class SigningKeys {

    private final DatabaseClient db;
    private final KeyCrypto crypto;
    private static final String LOCK = "select pg_advisory_xact_lock(hashtext('tmcp.signing_key'))";

    private final org.springframework.transaction.reactive.TransactionalOperator tx;
    private final AtomicReference<RSAKey> active = new AtomicReference<>();
    private final KeyRetention retention;

    /** {@code developerTokenLifetime}: {@code tmcp.developer.token-lifetime}, read here so keys know no developer code. */
    public SigningKeys(DatabaseClient db, AuthProperties properties,
            @Value("${tmcp.developer.token-lifetime}") Duration developerTokenLifetime,
            org.springframework.transaction.reactive.TransactionalOperator tx) {
        this.db = db;
        this.tx = tx;
        this.crypto = new KeyCrypto(properties.keyEncryptionKey());
        // Every token these keys sign: TEPs, developer tokens, client-credentials (1 h) and service (5 min) tokens.
        this.retention = KeyRetention.covering(properties.tepLifetime(), developerTokenLifetime, Duration.ofHours(1));
    }

    /** The key that signs new tokens. */
    public Mono<RSAKey> active() {
        return activeKid()
                .switchIfEmpty(Mono.defer(this::createActive).then(Mono.defer(this::activeKid)))
                .flatMap(kid -> {
                    RSAKey known = active.get();
                    return known != null && known.getKeyID().equals(kid)
                            ? Mono.just(known)
                            : loadActive().doOnNext(active::set);
                });
    }

    /**
     * Rotates: a new key becomes active and the active one is retired from signing. A retired key
     * stays published until every token it signed has expired ({@link KeyRetention}), however many
     * rotations follow. Answers the new key id.
     */
    public Mono<String> rotate() {
        return Mono.fromCallable(SigningKeys::generate)
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(key -> db.sql(LOCK).then()
                        .then(db.sql("update signing_key set status = 'retired', retired_at = now() where status = 'active'").then())
                        .then(db.sql("insert into signing_key (kid, public_jwk, private_jwk_enc, status) "
                                        + "values (:kid, :pub, :priv, 'active')")
                                .bind("kid", key.getKeyID())
                                .bind("pub", key.toPublicJWK().toJSONString())
                                .bind("priv", crypto.encrypt(key.toJSONString()))
                                .then())
                        .as(tx::transactional)
                        .doOnSuccess(done -> active.set(key))
                        .thenReturn(key.getKeyID()));
    }

    /** Public keys currently trusted: the active one and those retired too recently to have no live tokens. */
    public Mono<JWKSet> publicJwks() {
        return active().then(db.sql("select public_jwk from signing_key where status = 'active' "
                        + "or retired_at > :cutoff order by created_at desc")
                .bind("cutoff", retention.cutoff(Instant.now()).atOffset(ZoneOffset.UTC))
                .map(r -> r.get("public_jwk", String.class))
                .all()
                .map(SigningKeys::parse)
                .collectList()
                .map(JWKSet::new));
    }

    private Mono<String> activeKid() {
        return db.sql("select kid from signing_key where status = 'active' order by created_at desc limit 1")
                .map(r -> r.get("kid", String.class))
                .one();
    }

    private Mono<RSAKey> loadActive() {
        return db.sql("select private_jwk_enc from signing_key where status = 'active' order by created_at desc limit 1")
                .map(r -> r.get("private_jwk_enc", String.class))
                .one()
                .map(enc -> (RSAKey) parse(crypto.decrypt(enc)));
    }

    private Mono<Void> createActive() {
        return Mono.fromCallable(SigningKeys::generate)
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(key -> db.sql(LOCK).then()
                        .then(db.sql("insert into signing_key (kid, public_jwk, private_jwk_enc, status) "
                                        + "select :kid, :pub, :priv, 'active' where not exists "
                                        + "(select 1 from signing_key where status = 'active')")
                                .bind("kid", key.getKeyID())
                                .bind("pub", key.toPublicJWK().toJSONString())
                                .bind("priv", crypto.encrypt(key.toJSONString()))
                                .fetch().rowsUpdated())
                        .as(tx::transactional))
                .then();
    }

    private static RSAKey generate() throws JOSEException {
        String kid = "tmcp-" + LocalDate.now() + "-" + UUID.randomUUID().toString().substring(0, 8);
        return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
    }

    private static JWK parse(String json) {
        try {
            return JWK.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("stored signing key is not a JWK", e);
        }
    }
}
