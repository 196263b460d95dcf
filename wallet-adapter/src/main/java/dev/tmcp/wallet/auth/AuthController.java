package dev.tmcp.wallet.auth;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.id.UserId;
import dev.tmcp.core.money.Money;
import dev.tmcp.wallet.WalletProperties;
import dev.tmcp.wallet.account.FirstParty;
import dev.tmcp.wallet.ledger.account.Wallet;
import dev.tmcp.wallet.provider.AccountProvider;
import dev.tmcp.wallet.provider.PresentedProof;
import dev.tmcp.wallet.provider.ProofProvider;
import dev.tmcp.wallet.roomcontext.RoomContextClient;
import dev.tmcp.web.tep.TepPrincipal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Authorization proofs and policy (spec 7.2.1, 7.2.2), and authenticator enrollment for OTP. */
@RestController
class AuthController {

    private final AccountProvider accounts;
    private final ProofProvider proofs;
    private final WalletProperties properties;
    private final RoomContextClient rooms;

    AuthController(AccountProvider accounts, ProofProvider proofs, WalletProperties properties, RoomContextClient rooms) {
        this.accounts = accounts;
        this.proofs = proofs;
        this.rooms = rooms;
        this.properties = properties;
    }

    record TotpRequest(@NotBlank String hashedPin) {

        @Override
        public String toString() {
            return "TotpRequest[<redacted>]";
        }
    }

    @PostMapping("/internal/v1/auth/verify")
    Mono<Map<String, Object>> verify(TepPrincipal payer, @Valid @RequestBody PresentedProof request) {
        payer.requireScope("wallet:pay");
        return proofs.verifyProof(payer.userId().value(), request.method(), request.proof(), request.message())
                .map(method -> Map.of("verified", true, "method", method));
    }

    /**
     * Spec 7.2.2, for the token's own user: how they can authorize this amount, and whether the
     * recipient must accept. With {@code recipient}, also the recipient's account (created pending
     * if the homeserver knows the user; 404 if not), so a sender learns before paying whether the
     * recipient is suspended or must activate.
     */
    @GetMapping("/internal/v1/auth-policy")
    Mono<Map<String, Object>> policy(TepPrincipal payer, @RequestParam BigDecimal amount, @RequestParam String currency,
            @RequestParam(required = false) String recipient) {
        Money money = Money.parsePositive(amount, currency);
        Mono<Map<String, Object>> policy = policy(payer, money);
        if (recipient == null) {
            return policy;
        }
        if (!UserId.isValid(recipient)) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST, "recipient must be a Matrix user id"));
        }
        return rooms.user(payer, recipient).then(accounts.ensureAccount(recipient)).zipWith(policy).map(t -> {
            AccountProvider.Account to = t.getT1();
            Map<String, Object> body = t.getT2();
            body.put("recipient_status", to.userStatus());
            body.put("recipient_wallet_id", to.walletId());
            if (to.isPending()) {
                body.put("activation_url", properties.activationUrlBase() + "?wallet=" + to.walletId() + "&sender="
                        + URLEncoder.encode(payer.userId().value(), StandardCharsets.UTF_8));
                if (properties.activationBonus() != null && properties.activationBonus().signum() > 0) {
                    body.put("activation_incentive", Map.of("type", "activation_bonus",
                            "amount", Money.parse(properties.activationBonus(), to.currency()).toDecimal(),
                            "currency", to.currency()));
                }
            }
            return body;
        });
    }

    private Mono<Map<String, Object>> policy(TepPrincipal payer, Money money) {
        return proofs.authPolicy(payer.userId().value(), money).map(p -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("available_methods", p.availableMethods());
            body.put("recommended_method", p.recommendedMethod());
            body.put("recipient_acceptance_required", p.recipientAcceptanceRequired());
            body.put("auth_upgrade_required", p.authUpgradeRequired());
            return body;
        });
    }

    /**
     * Enrolls an authenticator app for OTP proofs: only the first-party wallet app ({@code
     * wallet:admin}, decision 0027), and with the PIN, so a stolen token cannot add one.
     */
    @PostMapping("/wallet/v1/mfa/totp")
    Mono<Map<String, Object>> enrollTotp(TepPrincipal user, @Valid @RequestBody TotpRequest request) {
        user.requireScope(FirstParty.SCOPE);
        String userId = user.userId().value();
        return proofs.verifyProof(userId, ProofProvider.PIN, Map.of("hashed_pin", request.hashedPin()), null)
                .then(proofs.enrollTotp(userId))
                .map(secret -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("secret", secret);
                    body.put("otpauth_uri", "otpauth://totp/" + URLEncoder.encode("Tween:" + userId, StandardCharsets.UTF_8)
                            + "?secret=" + secret + "&issuer=Tween&digits=" + ProofProvider.TOTP_DIGITS + "&period=" + ProofProvider.TOTP_PERIOD_SECONDS);
                    body.put("digits", ProofProvider.TOTP_DIGITS);
                    body.put("period", ProofProvider.TOTP_PERIOD_SECONDS);
                    body.put("algorithm", "SHA1");
                    return body;
                });
    }
}
