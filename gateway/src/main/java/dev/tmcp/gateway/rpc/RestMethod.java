package dev.tmcp.gateway.rpc;

import dev.tmcp.web.client.ServiceClient;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpMethod;

/**
 * A JSON-RPC method that is exactly one REST call of a TMCP service. {@code path} names its
 * variables after the params that fill them ({@code /wallet/v1/p2p/{transfer_id}/confirm}); the
 * other params become the JSON body (POST) or the query (GET). {@code scope} is what the gateway's
 * REST route checks itself (null where only the service checks).
 */
record RestMethod(HttpMethod http, String path, String scope, ServiceClient service) {

    private static final Pattern VARIABLE = Pattern.compile("\\{([a-z_]+)}");

    /** The params that fill the path, in order. */
    List<String> pathParams() {
        List<String> names = new ArrayList<>();
        Matcher m = VARIABLE.matcher(path);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The concrete path for the given values of {@link #pathParams()}, as the rate rows see it. */
    String expand(List<String> values) {
        Matcher m = VARIABLE.matcher(path);
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.get(i++)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
