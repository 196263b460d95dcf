package dev.tmcp.auth.developer;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives Keycloak's real login page like a browser: GET the authorization URL, POST the
 * {@code kc-form-login} form with the user's password, and read the {@code code} from the redirect
 * without following it.
 */
final class KeycloakLogin {

    private static final Pattern FORM = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*>", Pattern.DOTALL);
    private static final Pattern ACTION = Pattern.compile("action=\"([^\"]+)\"");

    private KeycloakLogin() {
    }

    static String code(String keycloakUrl, String realm, String clientId, String redirectUri, String username,
            String password) throws IOException, InterruptedException {
        // Keycloak marks its cookies Secure even on http; java.net.CookieManager would then drop them,
        // so the cookie jar here is the Set-Cookie headers of the login page, sent back as is.
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        String authorize = keycloakUrl + "/realms/" + realm + "/protocol/openid-connect/auth?response_type=code"
                + "&client_id=" + enc(clientId) + "&redirect_uri=" + enc(redirectUri) + "&scope=openid&state=st4te";
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(authorize)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (page.statusCode() != 200) {
            throw new IllegalStateException("login page: HTTP " + page.statusCode() + " " + page.body());
        }
        Matcher form = FORM.matcher(page.body());
        if (!form.find()) {
            throw new IllegalStateException("no kc-form-login on the login page");
        }
        Matcher action = ACTION.matcher(form.group());
        if (!action.find()) {
            throw new IllegalStateException("kc-form-login has no action");
        }
        String post = action.group(1).replace("&amp;", "&");
        String cookies = String.join("; ", page.headers().allValues("set-cookie").stream()
                .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'))).toList());
        HttpResponse<String> redirect = browser.send(HttpRequest.newBuilder(URI.create(post))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Cookie", cookies)
                        .POST(HttpRequest.BodyPublishers.ofString("username=" + enc(username) + "&password=" + enc(password)
                                + "&credentialId="))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String location = redirect.headers().firstValue("Location").orElseThrow(() ->
                new IllegalStateException("login did not redirect: HTTP " + redirect.statusCode()));
        if (!location.startsWith(redirectUri)) {
            throw new IllegalStateException("unexpected redirect " + location);
        }
        for (String pair : URI.create(location).getRawQuery().split("&")) {
            if (pair.startsWith("code=")) {
                return URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
            }
        }
        throw new IllegalStateException("no code in " + location);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
