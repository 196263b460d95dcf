package dev.tmcp.gateway.rpc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpMethod;

/**
 * The REST call a JSON-RPC method stands for. {@code path} names its variables after the params
 * that fill them ({@code /wallet/v1/p2p/{transfer_id}/confirm}).
 */
record RestCall(HttpMethod http, String path) {

    private static final Pattern VARIABLE = Pattern.compile("\\{([a-z_]+)}");
    /** What stands for a path param when the call is matched with the routes: any one segment. */
    private static final String SAMPLE_SEGMENT = "sample";

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

    /** The path with a sample segment for each param: the route the call takes is the one this path takes. */
    String sample() {
        return expand(Collections.nCopies(pathParams().size(), SAMPLE_SEGMENT));
    }

    @Override
    public String toString() {
        return http.name() + " " + path;
    }
}
