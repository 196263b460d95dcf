package dev.tmcp.appstore.registry;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The demo shop the local stack registers with the demo app (decision 0051): a third-party web
 * mini-app served by the reference host, whose money and messaging scopes need the user's consent.
 *
 * @param scopes pre-approved scopes
 * @param consentScopes scopes the user approves in the host (5.5)
 */
@ConfigurationProperties("tmcp.appstore.demo-shop")
record DemoShopProperties(String clientId, String name, String scopes, String consentScopes, String entryUrl) {
}
