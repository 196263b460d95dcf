package dev.tmcp.gateway.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.id.UserId;
import dev.tmcp.web.tep.TepPrincipal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** JSON-RPC 2.0 envelopes as the bridge writes them: the call's id as received, null included. */
class JsonRpcResponsesJsonTest {

    @Test
    void aResultEchoesAStringANumberOrANullId() {
        assertThat(json(JsonRpcResponses.result("a-1", new JsonRpcMethods.Scopes(List.of("user:read")))))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":{\"scopes\":[\"user:read\"]},\"id\":\"a-1\"}");
        assertThat(json(JsonRpcResponses.result(new BigInteger("12345678901234567890"), Map.of())))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":{},\"id\":12345678901234567890}");
        assertThat(json(JsonRpcResponses.result(null, Map.of()))).isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":{},\"id\":null}");
    }

    @Test
    void anErrorHasDataOnlyWhenThereIsSome() {
        assertThat(json(JsonRpcResponses.error(null, JsonRpcGatewayFilterFactory.PARSE_ERROR, "Parse error", null)))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32700,\"message\":\"Parse error\"},\"id\":null}");
        JsonRpcException refused = JsonRpcException.of(new TmcpException(ErrorCode.NOT_FOUND, "No value"));
        assertThat(json(JsonRpcResponses.error(7, refused.code(), refused.getMessage(), refused.data())))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32000,\"message\":\"No value\","
                        + "\"data\":{\"code\":\"NOT_FOUND\",\"message\":\"No value\"}},\"id\":7}");
    }

    @Test
    void aServiceErrorCarriesItsDetails() {
        JsonRpcException refused = JsonRpcException.of(new TmcpException(ErrorCode.INVALID_STATE, "Taken", Map.of("status", "x")));
        assertThat(json(refused.data())).isEqualTo("{\"code\":\"INVALID_STATE\",\"message\":\"Taken\",\"details\":{\"status\":\"x\"}}");
    }

    @Test
    void userInfoIsSnakeCaseWithANullWalletKept() {
        TepPrincipal noWallet = new TepPrincipal(UserId.of("@alice:test"), "ma_demo", Set.of("user:read"), null, "ses_1",
                Map.of(), "tep.x");
        StepVerifier.create(TestRpc.methods().invoke("tween.auth.getUserInfo", RpcJson.MAPPER.readTree("{}"), noWallet))
                .assertNext(info -> assertThat(json(info))
                        .isEqualTo("{\"user_id\":\"@alice:test\",\"wallet_id\":null,\"client_id\":\"ma_demo\"}"))
                .verifyComplete();
    }

    @Test
    void theStorageBodyIsSnakeCaseWithoutAbsentFields() {
        assertThat(json(new JsonRpcMethods.StorageSet("v", null, 17L, new JsonRpcMethods.Metadata("text/plain"))))
                .isEqualTo("{\"value\":\"v\",\"client_timestamp\":17,\"metadata\":{\"content_type\":\"text/plain\"}}");
    }

    private static String json(Object value) {
        return RpcJson.MAPPER.writeValueAsString(value);
    }
}
