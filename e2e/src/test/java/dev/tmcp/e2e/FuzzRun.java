package dev.tmcp.e2e;

import dev.tmcp.e2e.FuzzCases.FuzzCase;
import dev.tmcp.e2e.FuzzRequests.Request;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * One fuzz run against the stack through the gateway: its users (real homeserver users with TEPs,
 * some with activated, funded wallets), a client-side budget that mirrors the gateway's rate rows
 * (so requests reach the services instead of 429s, and no user is suspended), the requests sent in
 * parallel, and what came back: status histogram, 5xx and error-format faults per route, and the
 * ledger invariants afterwards.
 */
final class FuzzRun implements FuzzRequests.World {

    static final String SCOPES = "user:read wallet:balance wallet:pay wallet:history storage:read storage:write";
    private static final Set<String> ID_FIELDS = Set.of("transfer_id", "payment_id", "gift_id", "withdrawal_id",
            "challenge_id", "external_account_id");
    private static final int SAMPLES_PER_FAULT = 3;

    record User(String userId, String matrixToken, String tep) {
    }

    /** A 5xx (or a JSON-RPC error that stands for one) or an error body not in the documented format. */
    record Fault(String kind, String route, String label, String request, int status, String response) {
    }

    private final String seed;
    private final FuzzDocument document = FuzzDocument.load();
    private final FuzzRequests requests;
    private final List<User> users = new ArrayList<>();
    private final List<User> revokers = new ArrayList<>();
    private final Budget budget = new Budget(FuzzDocument.rateRows());
    private final Map<String, List<String>> known = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService pool;

    private final Map<String, AtomicLong> perRoute = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> faultsPerRoute = new ConcurrentHashMap<>();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong fiveXx = new AtomicLong();
    private final AtomicLong formatErrors = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong unauthenticatedFallbacks = new AtomicLong();
    private final AtomicLong transportErrors = new AtomicLong();
    private final AtomicLong notSentForTime = new AtomicLong();
    private final long started = System.nanoTime();
    private long deadline = Long.MAX_VALUE;
    private int funded;

    private FuzzRun(String seed, int parallelism) {
        this.seed = seed;
        this.requests = new FuzzRequests(document, this);
        this.pool = Executors.newFixedThreadPool(parallelism);
    }

    /** Registers {@code userCount} users (plus two whose sessions may be revoked) and funds some. */
    static FuzzRun start(String seed, int userCount, int parallelism) {
        FuzzRun run = new FuzzRun(seed, parallelism);
        String runId = Long.toString(System.currentTimeMillis() % 10_000_000, 36);
        for (int i = 0; i < userCount + 2; i++) {
            Homeserver.User user = Homeserver.register("fz_" + runId + "_" + i);
            User fuzzUser = new User(user.userId(), user.accessToken(), Tmcp.tep(user.accessToken(), SCOPES, null));
            run.budget.take("address", false, "POST", "/oauth2/token", 1.0);
            (i < userCount ? run.users : run.revokers).add(fuzzUser);
        }
        for (User user : run.users.subList(0, Math.min(8, userCount))) {
            try {
                Wallets.activate(new Homeserver.User(user.userId(), user.matrixToken()), null);
                Wallets.fund(user.tep(), "50.00");
                run.funded++;
            } catch (AssertionError | RuntimeException e) {
                System.out.println("FUZZ setup: could not activate and fund " + user.userId() + ": " + e.getMessage());
            }
        }
        System.out.printf("FUZZ SETUP users=%d funded=%d seconds=%d%n", run.users.size(), run.funded,
                (System.nanoTime() - run.started) / 1_000_000_000L);
        return run;
    }

    int operations() {
        return document.operations.size();
    }

    /** After {@code limit} from now, batches are no longer sent (counted), so a starved stack still gets a report. */
    void stopSendingAfter(Duration limit) {
        deadline = System.nanoTime() + limit.toNanos();
    }

    /** Sends the batch in parallel and waits for every answer. */
    void send(List<FuzzCase> batch) {
        if (System.nanoTime() - deadline > 0) {
            notSentForTime.addAndGet(batch.size());
            return;
        }
        List<Future<?>> pending = new ArrayList<>();
        for (FuzzCase fuzzCase : batch) {
            pending.add(pool.submit(() -> sendOne(fuzzCase)));
        }
        for (Future<?> f : pending) {
            try {
                f.get();
            } catch (Exception e) {
                transportErrors.incrementAndGet();
            }
        }
    }

    private void sendOne(FuzzCase fuzzCase) {
        Request request = requests.build(fuzzCase);
        Random random = new Random(fuzzCase.seed() ^ 0x5DEECE66DL);
        String authorization = authorization(request, random);
        if (authorization == null && request.auth() == FuzzRequests.AuthKind.USER_TEP) {
            unauthenticatedFallbacks.incrementAndGet();
        }
        // Where the gateway checks no TEP, its rows count per client address, which other clients share.
        boolean addressKeyed = !request.operation().security().contains("tep");
        if (addressKeyed && !budget.take("address", false, request.method(), request.pathAndQuery().split("\\?")[0], 0.25)) {
            skipped.incrementAndGet();
            return;
        }
        HttpRequest httpRequest;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(Tmcp.GATEWAY + request.pathAndQuery()))
                    .timeout(Duration.ofSeconds(30))
                    .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(request.body()));
            if (request.contentType() != null) {
                builder.header("Content-Type", request.contentType());
            }
            if (authorization != null) {
                builder.header("Authorization", authorization);
            }
            httpRequest = builder.build();
        } catch (IllegalArgumentException e) {
            skipped.incrementAndGet(); // a header or URI the HTTP client itself refuses to send
            return;
        }
        String route = request.operation().name();
        HttpResponse<byte[]> response;
        try {
            response = http.send(httpRequest, HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            transportErrors.incrementAndGet();
            record(new Fault("no answer", route, request.label(), describe(request), 0, String.valueOf(e)));
            return;
        }
        long n = sent.incrementAndGet();
        if (n % 500 == 0) {
            System.out.printf("FUZZ PROGRESS requests=%d 5xx=%d error_format=%d seconds=%d%n", n, fiveXx.get(),
                    formatErrors.get(), (System.nanoTime() - started) / 1_000_000_000L);
        }
        perRoute.computeIfAbsent(route, r -> new AtomicLong()).incrementAndGet();
        statuses.computeIfAbsent(response.statusCode(), s -> new AtomicLong()).incrementAndGet();
        judge(request, route, response);
    }

    /** The Authorization header: a TEP of a user with budget left for the route, or the case's literal one. */
    private String authorization(Request request, Random random) {
        String method = request.restMethod() != null ? request.restMethod() : request.method();
        String path = request.restPath() != null ? request.restPath() : request.pathAndQuery().split("\\?")[0];
        return switch (request.auth()) {
            case NONE -> null;
            case LITERAL -> request.authorization();
            case REVOKER_TEP -> "Bearer " + revokers.get(random.nextInt(revokers.size())).tep();
            case TAMPERED_TEP -> "Bearer " + tampered(users.get(random.nextInt(users.size())).tep(), random);
            case TRUNCATED_TEP -> {
                String tep = users.get(random.nextInt(users.size())).tep();
                yield "Bearer " + tep.substring(0, 4 + random.nextInt(tep.length() - 5));
            }
            case USER_TEP -> {
                int start = random.nextInt(users.size());
                for (int i = 0; i < users.size(); i++) {
                    User user = users.get((start + i) % users.size());
                    boolean rpc = request.operation().isRpc();
                    boolean ok = budget.take(user.userId(), true, request.method(), request.pathAndQuery().split("\\?")[0], 0.7)
                            && (!rpc || request.restPath() == null || budget.take(user.userId(), true, method, path, 0.7));
                    if (ok) {
                        yield "Bearer " + user.tep();
                    }
                }
                yield null;
            }
        };
    }

    private static String tampered(String tep, Random random) {
        char[] chars = tep.toCharArray();
        int at = chars.length - 1 - random.nextInt(Math.min(40, chars.length - 5));
        chars[at] = chars[at] == 'A' ? 'B' : 'A';
        return new String(chars);
    }

    private void judge(Request request, String route, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        String text = new String(response.body(), StandardCharsets.UTF_8);
        JsonNode body = parse(response, text);
        if (status >= 500) {
            fiveXx.incrementAndGet();
            record(new Fault("5xx", route, request.label(), describe(request), status, text));
            return;
        }
        if (status >= 400) {
            boolean html = request.operation().errorFormats().contains("HtmlError")
                    && response.headers().firstValue("Content-Type").orElse("").startsWith("text/html");
            if (!html && !errorFormatOk(request.operation().errorFormats(), body)) {
                formatErrors.incrementAndGet();
                record(new Fault("error format", route, request.label(), describe(request), status, text));
            }
            return;
        }
        if (body == null) {
            return;
        }
        if (request.operation().isRpc()) {
            judgeRpc(request, route, status, body, text);
        }
        harvest(body);
    }

    /** A JSON-RPC error that stands for a 5xx: an internal error, or a service that failed behind the bridge. */
    private void judgeRpc(Request request, String route, int status, JsonNode body, String text) {
        List<JsonNode> answers = new ArrayList<>();
        if (body.isArray()) {
            body.forEach(answers::add);
        } else {
            answers.add(body);
        }
        for (JsonNode answer : answers) {
            JsonNode error = answer.path("error");
            if (error.isMissingNode()) {
                continue;
            }
            String dataCode = error.path("data").path("code").asString("");
            if (!error.path("code").isInt() || error.path("code").asInt() == -32603
                    || dataCode.equals("INTERNAL_ERROR") || dataCode.equals("SERVICE_UNAVAILABLE")) {
                fiveXx.incrementAndGet();
                record(new Fault("5xx behind JSON-RPC", route + " " + request.label().replaceAll(".*/", ""),
                        request.label(), describe(request), status, text));
                return;
            }
        }
    }

    private static boolean errorFormatOk(List<String> formats, JsonNode body) {
        if (body == null) {
            return false;
        }
        JsonNode error = body.path("error");
        if (formats.contains("Error") && error.isObject() && !error.path("code").asString("").isBlank()
                && error.path("message").isString() && !error.path("request_id").asString("").isBlank()
                && !error.path("timestamp").asString("").isBlank()) {
            return true;
        }
        if (formats.contains("OAuthError") && error.isString() && !error.asString().isBlank()) {
            return true;
        }
        return formats.contains("MatrixError") && body.path("errcode").isString();
    }

    private static JsonNode parse(HttpResponse<byte[]> response, String text) {
        boolean json = response.headers().firstValue("Content-Type").map(t -> t.contains("json")).orElse(false);
        if (!json || text.isBlank()) {
            return null;
        }
        try {
            return Http.JSON.readTree(text);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void harvest(JsonNode body) {
        if (!body.isObject()) {
            return;
        }
        for (String field : ID_FIELDS) {
            JsonNode id = body.path(field);
            if (id.isString()) {
                List<String> ids = known.computeIfAbsent(field, f -> Collections.synchronizedList(new ArrayList<>()));
                if (ids.size() < 500) {
                    ids.add(id.asString());
                }
            }
        }
        body.path("result").properties().forEach(e -> {
            if (ID_FIELDS.contains(e.getKey()) && e.getValue().isString()) {
                known.computeIfAbsent(e.getKey(), f -> Collections.synchronizedList(new ArrayList<>())).add(e.getValue().asString());
            }
        });
    }

    private void record(Fault fault) {
        String key = fault.kind() + " " + fault.route() + " " + fault.status();
        long n = faultsPerRoute.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
        if (n <= SAMPLES_PER_FAULT) {
            faults.add(fault);
        }
    }

    private static String describe(Request request) {
        String body = request.body() == null ? "" : new String(request.body(), StandardCharsets.UTF_8);
        return request.method() + " " + cut(request.pathAndQuery(), 200) + " [" + request.contentType() + "] "
                + cut(body, 300).replace("\u0000", "\\u0000");
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…(" + text.length() + ")";
    }

    // ------------------------------------------------------------------ verdict

    long sent() {
        return sent.get();
    }

    /** Requests the gateway never answered (a hung connection, a refused connect), each a FUZZ FAULT line. */
    long unanswered() {
        return transportErrors.get();
    }

    long fiveXx() {
        return fiveXx.get();
    }

    long formatErrors() {
        return formatErrors.get();
    }

    /** The ledger invariants, checked in wallet-adapter's own database; empty when they hold. */
    static List<String> ledgerViolations() {
        List<String> violations = new ArrayList<>();
        Map<String, String> checks = Map.of(
                "unbalanced transactions",
                "select count(*) from (select txn_id from ledger_posting group by txn_id having sum(amount_minor) <> 0) t",
                "negative user balances", "select count(*) from ledger_account where kind <> 'system' and balance_minor < 0",
                "balances that are not the sum of their postings",
                "select count(*) from ledger_account a where balance_minor <> "
                        + "(select coalesce(sum(p.amount_minor), 0) from ledger_posting p where p.account_id = a.account_id)",
                "currencies whose accounts do not sum to zero",
                "select count(*) from (select currency from ledger_account group by currency having sum(balance_minor) <> 0) t");
        checks.forEach((name, query) -> {
            long n = Wallets.count("tmcp_wallet", query);
            if (n != 0) {
                violations.add(name + ": " + n);
            }
        });
        return violations;
    }

    /** The report: faults with samples, per-route counts, histogram, and one summary line to quote. */
    String report(List<String> ledger) {
        pool.shutdown();
        StringBuilder out = new StringBuilder();
        faults.stream().sorted(java.util.Comparator.comparing(Fault::route)).forEach(f -> out.append("FUZZ FAULT ")
                .append(f.kind()).append(" | ").append(f.route()).append(" | ").append(f.status()).append(" | ")
                .append(f.label()).append(" | request: ").append(f.request()).append(" | response: ")
                .append(cut(f.response(), 300)).append('\n'));
        new TreeMap<>(faultsPerRoute).forEach((k, v) -> out.append("FUZZ FAULT COUNT ").append(k).append(" = ").append(v).append('\n'));
        out.append("FUZZ STATUS ").append(new TreeMap<>(statuses)).append('\n');
        new TreeMap<>(perRoute).forEach((k, v) -> out.append("FUZZ ROUTE ").append(k).append(" = ").append(v).append('\n'));
        long seconds = Math.max(1, (System.nanoTime() - started) / 1_000_000_000L);
        out.append(String.format("FUZZ SUMMARY seed=%s requests=%d routes=%d/%d 5xx=%d error_format=%d ledger=%s "
                        + "skipped_for_budget=%d not_sent_for_time=%d unauthenticated_fallbacks=%d transport_errors=%d "
                        + "users=%d funded=%d seconds=%d",
                seed, sent.get(), perRoute.size(), document.operations.size(), fiveXx.get(), formatErrors.get(),
                ledger.isEmpty() ? "ok" : ledger, skipped.get(), notSentForTime.get(), unauthenticatedFallbacks.get(),
                transportErrors.get(),
                users.size(), funded, seconds));
        return out.toString();
    }

    // ------------------------------------------------------------------ the world, for FuzzRequests

    @Override
    public String userId(Random random) {
        if (random.nextInt(6) == 0) {
            return "@ghost_" + FuzzRequests.alnum(random, 6) + ":" + server();
        }
        return users.get(random.nextInt(users.size())).userId();
    }

    @Override
    public String matrixToken(Random random) {
        return revokers.get(random.nextInt(revokers.size())).matrixToken();
    }

    @Override
    public String knownId(String name, Random random) {
        List<String> ids = known.get(name);
        if (ids == null || ids.isEmpty()) {
            return null;
        }
        synchronized (ids) {
            return ids.get(random.nextInt(ids.size()));
        }
    }

    @Override
    public String clientId() {
        return Tmcp.CLIENT_ID;
    }

    @Override
    public String server() {
        return Homeserver.SERVER;
    }

    /**
     * The gateway's rate rows as token buckets on this side, at a fraction of their size: the
     * fuzzer sends a request for a user only while the gateway would still let it through.
     */
    static final class Budget {

        private record Row(String name, Set<String> methods, List<Pattern> paths, List<Pattern> excluded, double capacity,
                double perSecond, boolean authenticatedOnly) {

            boolean matches(String method, String path, boolean authenticated) {
                return (!authenticatedOnly || authenticated) && (methods == null || methods.contains(method))
                        && (paths.isEmpty() || paths.stream().anyMatch(p -> p.matcher(path).matches()))
                        && excluded.stream().noneMatch(p -> p.matcher(path).matches());
            }
        }

        private final List<Row> rows = new ArrayList<>();
        private final Map<String, double[]> buckets = new ConcurrentHashMap<>();

        @SuppressWarnings("unchecked")
        Budget(List<Map<String, Object>> config) {
            for (Map<String, Object> row : config) {
                List<String> methods = (List<String>) row.get("methods");
                double limit = ((Number) row.get("limit")).doubleValue();
                double burst = ((Number) row.getOrDefault("burst", 0)).doubleValue();
                rows.add(new Row((String) row.get("name"), methods == null ? null : Set.copyOf(methods),
                        globs((List<String>) row.getOrDefault("paths", List.of())),
                        globs((List<String>) row.getOrDefault("exclude-paths", List.of())), limit + burst,
                        limit / seconds(String.valueOf(row.get("window"))),
                        Boolean.TRUE.equals(row.get("authenticated-only"))));
            }
        }

        /** Takes one token of every row that matches, if all have one at {@code share} of their size. */
        synchronized boolean take(String subject, boolean authenticated, String method, String path, double share) {
            List<double[]> matching = new ArrayList<>();
            long now = System.nanoTime();
            for (Row row : rows) {
                if (!row.matches(method, path, authenticated)) {
                    continue;
                }
                double capacity = Math.max(1, Math.floor(row.capacity() * share));
                double[] bucket = buckets.computeIfAbsent(subject + "|" + row.name(), k -> new double[] {capacity, now});
                bucket[0] = Math.min(capacity, bucket[0] + (now - bucket[1]) / 1e9 * row.perSecond() * share);
                bucket[1] = now;
                if (bucket[0] < 1) {
                    return false;
                }
                matching.add(bucket);
            }
            matching.forEach(b -> b[0] -= 1);
            return true;
        }

        private static List<Pattern> globs(List<String> globs) {
            return globs.stream().map(g -> Pattern.compile(Pattern.quote(g).replace("**", "\u0001")
                    .replace("*", "\\E[^/]*\\Q").replace("\u0001", "\\E.*\\Q"))).toList();
        }

        private static double seconds(String window) {
            long n = Long.parseLong(window.substring(0, window.length() - 1));
            return n * switch (window.charAt(window.length() - 1)) {
                case 's' -> 1;
                case 'm' -> 60;
                case 'h' -> 3600;
                case 'd' -> 86400;
                default -> throw new IllegalArgumentException(window);
            };
        }
    }
}
