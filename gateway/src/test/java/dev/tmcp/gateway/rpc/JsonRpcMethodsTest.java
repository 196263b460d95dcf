package dev.tmcp.gateway.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.core.id.UserId;
import dev.tmcp.web.tep.TepPrincipal;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** Params of the storage methods that are not what the REST body needs are invalid params, never an internal error. */
class JsonRpcMethodsTest {

    // Nothing listens there: a call that got past the param checks would fail with a service error instead.
    private final JsonRpcMethods methods = TestRpc.methods();
    private final TepPrincipal caller = new TepPrincipal(UserId.of("@alice:test"), "ma_demo",
            Set.of("storage:read", "storage:write"), "tw_1", "ses_1", Map.of(), "tep.x");

    @Test
    void aPathParamWithANulOrControlCharacterIsInvalidParams() {
        TepPrincipal payer = new TepPrincipal(UserId.of("@alice:test"), "ma_demo", Set.of("wallet:pay"), "tw_1", "ses_1",
                Map.of(), "tep.x");
        for (String params : new String[] {"{\"transfer_id\":\"p2p_1\\u0000\"}", "{\"transfer_id\":\"p2p_\\u001b[31m\"}",
                "{\"transfer_id\":\"p2p_\\u007f\"}"}) {
            StepVerifier.create(methods.invoke("tween.wallet.rejectTransfer", RpcJson.MAPPER.readTree(params), payer))
                    .expectErrorSatisfies(e -> assertThat(e).as(params).isInstanceOfSatisfying(JsonRpcException.class,
                            rpc -> assertThat(rpc.code()).isEqualTo(JsonRpcException.INVALID_PARAMS)))
                    .verify();
        }
    }

    @Test
    void paramsTooLongForTheQueryOfAGetMethodAreInvalidParams() {
        TepPrincipal payer = new TepPrincipal(UserId.of("@alice:test"), "ma_demo", Set.of("wallet:balance"), "tw_1",
                "ses_1", Map.of(), "tep.x");
        String params = "{\"value\":\"" + "é".repeat(1000) + "\"}";
        StepVerifier.create(methods.invoke("tween.wallet.getBalance", RpcJson.MAPPER.readTree(params), payer))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(JsonRpcException.class,
                        rpc -> assertThat(rpc.code()).isEqualTo(JsonRpcException.INVALID_PARAMS)))
                .verify();
    }

    @Test
    void aTtlOrClientTimestampThatIsNotAnIntegerIsInvalidParams() {
        for (String params : new String[] {"{\"key\":\"k\",\"value\":\"v\",\"ttl\":\"abc\"}",
                "{\"key\":\"k\",\"value\":\"v\",\"ttl\":{}}", "{\"key\":\"k\",\"value\":\"v\",\"ttl\":1e400}",
                "{\"key\":\"k\",\"value\":\"v\",\"ttl\":99999999999}", "{\"key\":\"k\",\"value\":\"v\",\"ttl\":true}",
                "{\"key\":\"k\",\"value\":\"v\",\"client_timestamp\":[1]}",
                "{\"key\":\"k\",\"value\":\"v\",\"client_timestamp\":\"soon\"}",
                "{\"key\":\"k\",\"value\":\"v\",\"client_timestamp\":123456789012345678901234567890}"}) {
            StepVerifier.create(methods.invoke("tween.storage.set", RpcJson.MAPPER.readTree(params), caller))
                    .expectErrorSatisfies(e -> assertThat(e).as(params).isInstanceOfSatisfying(JsonRpcException.class,
                            rpc -> assertThat(rpc.code()).isEqualTo(JsonRpcException.INVALID_PARAMS)))
                    .verify();
        }
    }
}
