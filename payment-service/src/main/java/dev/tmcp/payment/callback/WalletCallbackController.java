package dev.tmcp.payment.callback;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.web.input.CleanTextModule;
import dev.tmcp.web.input.ControlCharacterException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /api/v1/wallet/callback}: the external wallet reports a payment (spec 4.11.7). */
@RestController
class WalletCallbackController {

    private final CallbackSignature signature;
    private final WalletCallbacks callbacks;
    private final JsonMapper json;

    WalletCallbackController(CallbackSignature signature, WalletCallbacks callbacks, JsonMapper json) {
        this.signature = signature;
        this.callbacks = callbacks;
        // The body is read by hand (after the signature), so it gets the request rule here.
        this.json = json.rebuild().addModule(new CleanTextModule()).build();
    }

    @PostMapping("/api/v1/wallet/callback")
    Mono<WalletCallbacks.Outcome> callback(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody byte[] body) {
        // The signature covers the exact bytes received: verify before parsing anything.
        signature.verify(authorization, body);
        WalletCallback callback;
        try {
            callback = json.readValue(body, WalletCallback.class);
        } catch (JacksonException e) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST, e instanceof ControlCharacterException
                    ? ControlCharacterException.MESSAGE : "Callback body is not valid JSON of spec 4.11.7"));
        }
        return callbacks.accept(callback);
    }
}
