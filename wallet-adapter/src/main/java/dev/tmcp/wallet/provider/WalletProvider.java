package dev.tmcp.wallet.provider;

/**
 * The Wallet Service wallet-adapter stands on (spec 6.3–6.6, 7.2.2, 7.6.4), split by capability.
 * Two implementations: the built-in double-entry ledger ({@code tmcp.wallet.provider=ledger}, the
 * default, in {@code dev.tmcp.wallet.ledger}) and an operator's wallet over HTTP ({@code http}),
 * whose contract is docs/wallet-provider-openapi.yaml. Users are Matrix user ids; mini-app merchants
 * are client ids. Every movement carries the caller's reference and is done once per reference.
 * Errors are {@code TmcpException}s with the spec's codes (12.2), whichever provider answers. The
 * controllers depend on the capability they use, never on an implementation.
 */
public interface WalletProvider extends AccountProvider, ProofProvider, HoldProvider, ExternalProvider, MfaProvider {
}
