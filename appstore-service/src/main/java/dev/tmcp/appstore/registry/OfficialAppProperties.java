package dev.tmcp.appstore.registry;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The host's own wallet app (classification official, decision 0027), seeded with the demo app: the
 * only client of the local stack that may hold {@code wallet:admin} and so activate wallets.
 */
@ConfigurationProperties("tmcp.appstore.official-app")
record OfficialAppProperties(String clientId, String name, String scopes, String redirectUris) {
}
