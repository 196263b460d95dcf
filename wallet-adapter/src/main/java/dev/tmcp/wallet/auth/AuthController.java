package dev.tmcp.wallet.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
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
import java.util.List;
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

    record Verified(boolean verified, String method) {
    }

    /** Spec 7.2.2; the recipient fields only when asked about a recipient, the activation ones only for a pending one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PolicyResponse(List<String> availableMethods, String recommendedMethod, boolean recipientAcceptanceRequired,
            boolean authUpgradeRequired, String recipientStatus, String recipientWalletId, String activationUrl,
            Incentive activationIncentive) {

        static PolicyResponse of(ProofProvider.AuthPolicy p) {
            return new PolicyResponse(p.availableMethods(), p.recommendedMethod(), p.recipientAcceptanceRequired(),
                    p.authUpgradeRequired(), null, null, null, null);
        }

        PolicyResponse withRecipient(AccountProvider.Account to, String activationUrl, Incentive incentive) {
            return new PolicyResponse(availableMethods, recommendedMethod, recipientAcceptanceRequired,
                    authUpgradeRequired, to.userStatus(), to.walletId(), activationUrl, incentive);
        }
    }

    record Incentive(String type, BigDecimal amount, String currency) {
    }

    record TotpEnrolment(String secret, String otpauthUri, int digits, int period, String algorithm) {
    }

    @PostMapping("/internal/v1/auth/verify")
    Mono<Verified> verify(TepPrincipal payer, @Valid @RequestBody PresentedProof request) {
        payer.requireScope("wallet:pay");
        return proofs.verifyProof(payer.userId().value(), request.method(), request.proof(), request.message())
                .map(method -> new Verified(true, method));
    }

    /**
     * Spec 7.2.2, for the token's own user: how they can authorize this amount, and whether the
     * recipient must accept. With {@code recipient}, also the recipient's account (created pending
     * if the homeserver knows the user; 404 if not), so a sender learns before paying whether the
     * recipient is suspended or must activate.
     */
    @GetMapping("/internal/v1/auth-policy")
    Mono<PolicyResponse> policy(TepPrincipal payer, @RequestParam BigDecimal amount, @RequestParam String currency,
            @RequestParam(required = false) String recipient) {
        Money money = Money.parsePositive(amount, currency);
        Mono<PolicyResponse> policy = proofs.authPolicy(payer.userId().value(), money).map(PolicyResponse::of);
        if (recipient == null) {
            return policy;
        }
        if (!UserId.isValid(recipient)) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST, "recipient must be a Matrix user id"));
        }
        return rooms.user(payer, recipient).then(accounts.ensureAccount(recipient)).zipWith(policy).map(t -> {
            AccountProvider.Account to = t.getT1();
            if (!to.isPending()) {
                return t.getT2().withRecipient(to, null, null);
            }
            String activationUrl = properties.activationUrlBase() + "?wallet=" + to.walletId() + "&sender="
                    + URLEncoder.encode(payer.userId().value(), StandardCharsets.UTF_8);
            Incentive incentive = properties.activationBonus() != null && properties.activationBonus().signum() > 0
                    ? new Incentive("activation_bonus", Money.parse(properties.activationBonus(), to.currency()).toDecimal(),
                            to.currency())
                    : null;
            return t.getT2().withRecipient(to, activationUrl, incentive);
        });
    }

    /**
     * Enrolls an authenticator app for OTP proofs: only the first-party wallet app ({@code
     * wallet:admin}, decision 0027), and with the PIN, so a stolen token cannot add one.
     */
    @PostMapping("/wallet/v1/mfa/totp")
    Mono<TotpEnrolment> enrollTotp(TepPrincipal user, @Valid @RequestBody TotpRequest request) {
        user.requireScope(FirstParty.SCOPE);
        String userId = user.userId().value();
        return proofs.verifyProof(userId, ProofProvider.PIN, Map.of("hashed_pin", request.hashedPin()), null)
                .then(proofs.enrollTotp(userId))
                .map(secret -> new TotpEnrolment(secret, "otpauth://totp/"
                        + URLEncoder.encode("Tween:" + userId, StandardCharsets.UTF_8) + "?secret=" + secret
                        + "&issuer=Tween&digits=" + ProofProvider.TOTP_DIGITS + "&period=" + ProofProvider.TOTP_PERIOD_SECONDS,
                        ProofProvider.TOTP_DIGITS, ProofProvider.TOTP_PERIOD_SECONDS, "SHA1"));
    }
}
