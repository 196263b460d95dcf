package dev.tmcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.test.StackEnv;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A user's browser: a cookie jar and no automatic redirects outside Keycloak. The jar is kept by
 * hand because Keycloak marks its session cookies {@code Secure}, which {@link java.net.CookieManager}
 * rightly never sends over the loopback's plain HTTP, where a browser treats localhost as secure.
 */
final class KeycloakBrowser {

    private static final Pattern LOGIN_FORM = Pattern.compile("action=\"([^\"]*login-actions/authenticate[^\"]*)\"");

    private final String username;
    private final String password;
    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> cookies = new java.util.LinkedHashMap<>();

    KeycloakBrowser(String username, String password) {
        this.username = username;
        this.password = password;
    }

    HttpResponse<String> get(String url) throws Exception {
        return follow(send(HttpRequest.newBuilder(URI.create(url)).GET()));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(java.util.stream.Collectors.joining("; ")));
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        for (String header : response.headers().allValues("Set-Cookie")) {
            String pair = header.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq > 0) {
                cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        return response;
    }

    HttpResponse<String> login(HttpResponse<String> page) throws Exception {
        Matcher form = LOGIN_FORM.matcher(page.body());
        assertThat(form.find()).as("Keycloak login form in:%n%s", page.body()).isTrue();
        return post(page.uri().resolve(form.group(1).replace("&amp;", "&")).toString(), Map.of("username", username, "password", password, "credentialId", ""));
    }

    HttpResponse<String> acceptConsentIfAsked(HttpResponse<String> page) throws Exception {
        Matcher consent = Pattern.compile("action=\"([^\"]*login-actions/(?:consent|required-action)[^\"]*)\"").matcher(page.body());
        if (page.statusCode() == 200 && consent.find()) {
            return post(page.uri().resolve(consent.group(1).replace("&amp;", "&")).toString(), Map.of("accept", "Yes"));
        }
        return page;
    }

    private HttpResponse<String> post(String url, Map<String, String> fields) throws Exception {
        return follow(send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Http.formBody(fields)))));
    }

    /** Follows redirects within Keycloak; stops at one leaving it (the mini-app's redirect_uri). */
    private HttpResponse<String> follow(HttpResponse<String> response) throws Exception {
        while (response.statusCode() / 100 == 3) {
            String location = response.headers().firstValue("Location").orElseThrow();
            URI next = response.uri().resolve(location);
            if (!next.toString().startsWith(StackEnv.get("KEYCLOAK_URL"))) {
                return response;
            }
            response = send(HttpRequest.newBuilder(next).GET());
        }
        return response;
    }
}
