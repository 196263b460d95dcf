package dev.tmcp.appstore.registry;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The demo mini-app the local stack registers on first start. */
@ConfigurationProperties("tmcp.appstore.demo-app")
record DemoAppProperties(boolean enabled, String clientId, String name, String scopes, String redirectUris) {
}
