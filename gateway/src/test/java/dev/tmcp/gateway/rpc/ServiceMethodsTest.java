package dev.tmcp.gateway.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.web.tep.TepPrincipal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

/** Each REST-backed method stands for its REST route (the rate row and scope it is charged to), and bad params never leave the gateway. */
class ServiceMethodsTest {

    // Nothing listens there: a call that got past the param checks would fail with a service error instead.
    private final ServiceMethods methods = new ServiceMethods(TestRpc.routes());

    @Test
    void eachMethodIsChargedAsItsRestRoute() {
        JsonNode ids = json("{\"transfer_id\":\"p2p_1\",\"payment_id\":\"pay_1\",\"gift_id\":\"gift_1\",\"user_id\":\"@bob:tween.example\",\"key\":\"cart\"}");
        Map<String, String> expected = Map.ofEntries(
                Map.entry("tween.wallet.getBalance", "GET /wallet/v1/balance wallet:balance"),
                Map.entry("tween.wallet.getTransactions", "GET /wallet/v1/transactions null"),
                Map.entry("tween.wallet.resolveUser", "GET /wallet/v1/resolve/@bob:tween.example null"),
                Map.entry("tween.wallet.initiateTransfer", "POST /wallet/v1/p2p/initiate wallet:pay"),
                Map.entry("tween.wallet.confirmTransfer", "POST /wallet/v1/p2p/p2p_1/confirm wallet:pay"),
                Map.entry("tween.wallet.acceptTransfer", "POST /wallet/v1/p2p/p2p_1/accept wallet:pay"),
                Map.entry("tween.wallet.rejectTransfer", "POST /wallet/v1/p2p/p2p_1/reject wallet:pay"),
                Map.entry("tween.wallet.getTransfer", "GET /wallet/v1/p2p/p2p_1 wallet:pay"),
                Map.entry("tween.wallet.pay", "POST /api/v1/payments/request wallet:pay"),
                Map.entry("tween.wallet.authorizePayment", "POST /api/v1/payments/pay_1/authorize wallet:pay"),
                Map.entry("tween.wallet.sendGift", "POST /wallet/v1/gift/create wallet:pay"),
                Map.entry("tween.wallet.openGift", "POST /wallet/v1/gift/gift_1/open wallet:pay"),
                Map.entry("tween.storage.list", "GET /api/v1/storage null"),
                Map.entry("tween.storage.delete", "DELETE /api/v1/storage/cart null"),
                Map.entry("tween.storage.batchGet", "POST /api/v1/storage/batch/get null"),
                Map.entry("tween.storage.batchSet", "POST /api/v1/storage/batch/set null"),
                Map.entry("tween.capabilities.get", "GET /api/v1/capabilities null"));
        expected.forEach((method, route) -> {
            JsonRpcMethods.Route r = methods.route(method, ids);
            assertThat(r.httpMethod() + " " + r.path() + " " + r.scope()).as(method).isEqualTo(route);
        });
        assertThat(methods.carries("tween.wallet.transfer")).isFalse();
    }

    @Test
    void paramsThatCannotMakeTheRestCallAreInvalidParams() {
        TepPrincipal caller = null;
        for (String params : new String[] {"{}", "{\"transfer_id\":\"../../balance\"}", "{\"transfer_id\":\"a b\"}",
                "{\"transfer_id\":7}", "[\"p2p_1\"]"}) {
            StepVerifier.create(methods.invoke("tween.wallet.getTransfer", json(params), caller))
                    .expectErrorSatisfies(e -> assertThat(((JsonRpcException) e).code()).as(params)
                            .isEqualTo(JsonRpcException.INVALID_PARAMS))
                    .verify();
        }
        StepVerifier.create(methods.invoke("tween.wallet.getTransactions", json("{\"limit\":{\"a\":1}}"), caller))
                .expectErrorSatisfies(e -> assertThat(((JsonRpcException) e).code()).isEqualTo(JsonRpcException.INVALID_PARAMS))
                .verify();
    }

    @Test
    void aDeleteTakesNoParamsBesidesItsPath() {
        StepVerifier.create(methods.invoke("tween.storage.delete", json("{\"key\":\"cart\",\"force\":true}"), null))
                .expectErrorSatisfies(e -> assertThat(((JsonRpcException) e).code()).isEqualTo(JsonRpcException.INVALID_PARAMS))
                .verify();
    }

    private static JsonNode json(String text) {
        return RpcJson.MAPPER.readTree(text);
    }
}
