package dev.tmcp.e2e;

import dev.tmcp.e2e.FuzzCases.Credential;
import dev.tmcp.e2e.FuzzCases.FuzzCase;
import dev.tmcp.e2e.FuzzCases.Mutation;
import dev.tmcp.e2e.FuzzDocument.Operation;
import dev.tmcp.e2e.FuzzDocument.Parameter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/** Turns a {@link FuzzCase} into a concrete HTTP request from its operation's schema. */
final class FuzzRequests {

    /** What the fuzzer knows of the world: its users and the ids the services have answered with. */
    interface World {
        String userId(Random random);

        String matrixToken(Random random);

        String knownId(String name, Random random);

        String clientId();

        String server();
    }

    /** Who signs: a fuzz user's TEP (chosen by the runner within its rate budget), a sacrificial one, or a literal header. */
    enum AuthKind { USER_TEP, REVOKER_TEP, TAMPERED_TEP, TRUNCATED_TEP, LITERAL, NONE }

    record Request(Operation operation, String method, String pathAndQuery, String contentType, byte[] body,
            AuthKind auth, String authorization, String label, String restMethod, String restPath) {
    }

    /** A JSON number written as is (too big, too precise, or not a Java number at all). */
    record RawNumber(String literal) {
    }

    /** A JSON text written as is (deep nesting). */
    record RawJson(String text) {
    }

    static final String PIN = Wallets.PIN;
    private static final String[] CONTROL = {"\u0000", "\u0001", "\u0007", "\u001b[31m", "\u007f", "\u202e", "\ufeff", "\r\n",
        "\ud800", "\u0085", "\t", "\u2028"};
    private static final String[] HUGE = {"1e400", "-1e400", "123456789012345678901234567890", "9223372036854775808",
        "1.00000000000000000000000001", "-0", "1E-400", "0.000000001", "2147483648", "4.9e-324", "1" + "0".repeat(400)};
    private static final Object[] NEGATIVE = {-1, -0.01, new BigDecimal("-1000000.00"), Long.MIN_VALUE, Integer.MIN_VALUE,
        new RawNumber("-0.0")};
    private static final String[] BROKEN = {"{", "{\"a\":}", "{'a': 1}", "{\"a\":1,}", "[1,2", "nul", "{\"a\" 1}",
        "\ufeff{}", "{\"a\":\"\\x00\"}", "{/*c*/}", "{\"a\":\"\\ud83d\"}", "]", "{\"a\":NaN}", "{\"a\":Infinity}",
        "{\"a\":01}", "{\"\u0000\":1}"};
    private static final String[] BAD_SEGMENTS = {"", "%00", "..%2F..%2Fadmin", "%2F", "%C3%BC%F0%9F%92%A5", "%25zz",
        "%20", "null", "-1", "%27%20OR%201%3D1%20--", "%0d%0aX-Injected:%201", "a%00b", "%FF%FE"};
    private static final String[] CONTENT_TYPES = {"text/plain", "application/xml", "multipart/form-data; boundary=x",
        "application/json; charset=utf-16", "application/x-www-form-urlencoded", "application/octet-stream", "*/*",
        "application/json; charset=nonsense"};
    static final Map<String, String[]> RPC_METHODS = Map.ofEntries(
            Map.entry("tween.auth.getUserInfo", new String[] {null, null}),
            Map.entry("tween.auth.getScopes", new String[] {null, null}),
            Map.entry("tween.storage.get", new String[] {"GET", "/api/v1/storage/{key}"}),
            Map.entry("tween.storage.set", new String[] {"PUT", "/api/v1/storage/{key}"}),
            Map.entry("tween.storage.delete", new String[] {"DELETE", "/api/v1/storage/{key}"}),
            Map.entry("tween.storage.list", new String[] {"GET", "/api/v1/storage"}),
            Map.entry("tween.storage.batchGet", new String[] {"POST", "/api/v1/storage/batch/get"}),
            Map.entry("tween.storage.batchSet", new String[] {"POST", "/api/v1/storage/batch/set"}),
            Map.entry("tween.capabilities.get", new String[] {"GET", "/api/v1/capabilities"}),
            Map.entry("tween.messaging.sendCard", new String[] {"POST", "/api/v1/messaging/cards"}),
            Map.entry("tween.wallet.getBalance", new String[] {"GET", "/wallet/v1/balance"}),
            Map.entry("tween.wallet.getTransactions", new String[] {"GET", "/wallet/v1/transactions"}),
            Map.entry("tween.wallet.resolveUser", new String[] {"GET", "/wallet/v1/resolve/{user_id}"}),
            Map.entry("tween.wallet.initiateTransfer", new String[] {"POST", "/wallet/v1/p2p/initiate"}),
            Map.entry("tween.wallet.confirmTransfer", new String[] {"POST", "/wallet/v1/p2p/{transfer_id}/confirm"}),
            Map.entry("tween.wallet.acceptTransfer", new String[] {"POST", "/wallet/v1/p2p/{transfer_id}/accept"}),
            Map.entry("tween.wallet.rejectTransfer", new String[] {"POST", "/wallet/v1/p2p/{transfer_id}/reject"}),
            Map.entry("tween.wallet.getTransfer", new String[] {"GET", "/wallet/v1/p2p/{transfer_id}"}),
            Map.entry("tween.wallet.pay", new String[] {"POST", "/api/v1/payments/request"}),
            Map.entry("tween.wallet.authorizePayment", new String[] {"POST", "/api/v1/payments/{payment_id}/authorize"}),
            Map.entry("tween.wallet.sendGift", new String[] {"POST", "/wallet/v1/gift/create"}),
            Map.entry("tween.wallet.openGift", new String[] {"POST", "/wallet/v1/gift/{gift_id}/open"}));

    private final FuzzDocument document;
    private final World world;

    FuzzRequests(FuzzDocument document, World world) {
        this.document = document;
        this.world = world;
    }

    Request build(FuzzCase fuzzCase) {
        Random random = new Random(fuzzCase.seed());
        Operation op = document.operations.get(fuzzCase.operation());
        Mutation mutation = fuzzCase.mutation();
        String label = mutation.name() + "/" + fuzzCase.credential().name();
        if (op.isRpc()) {
            return rpc(op, mutation, fuzzCase.credential(), random, label);
        }
        Map<String, Object> pathValues = new LinkedHashMap<>();
        Map<String, Object> query = new LinkedHashMap<>();
        for (Parameter p : op.parameters()) {
            if (p.in().equals("path")) {
                pathValues.put(p.name(), value(p.schema(), p.name(), random));
            } else if (p.required() || random.nextBoolean()) {
                query.put(p.name(), value(p.schema(), p.name(), random));
            }
        }
        Object body = op.bodyType() == null ? null : value(op.bodySchema(), "", random);
        String path = expand(op.path(), pathValues, mutation == Mutation.BAD_PATH_PARAM ? random : null);
        if (mutation == Mutation.BAD_QUERY) {
            badQuery(op, query, random);
        } else if (body != null || op.bodyType() != null) {
            body = mutate(body, op.bodySchema(), mutation, random);
        } else if (!query.isEmpty() && mutation != Mutation.VALID) {
            mutateQuery(query, mutation, random);
        }
        String contentType = op.bodyType() == null ? null : op.bodyType().equals("form")
                ? "application/x-www-form-urlencoded" : "application/json";
        byte[] bytes = body == null ? null : op.bodyType() != null && op.bodyType().equals("form") && !(body instanceof RawJson)
                ? form(body).getBytes(StandardCharsets.UTF_8) : json(body);
        if (mutation == Mutation.WRONG_CONTENT_TYPE) {
            contentType = CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)];
            if (bytes == null) {
                bytes = json(FuzzDocument.object("unexpected", true));
            }
        } else if (mutation == Mutation.EMPTY_BODY) {
            String[] empties = {"", "null", "[]", "\"text\"", "0", "{}", " "};
            bytes = random.nextInt(4) == 0 ? null : empties[random.nextInt(empties.length)].getBytes(StandardCharsets.UTF_8);
        } else if (mutation == Mutation.BROKEN_JSON && bytes != null) {
            bytes = broken(bytes, random);
        }
        String target = path + queryString(query);
        String[] auth = authorization(op, fuzzCase.credential(), random);
        return new Request(op, op.method(), target, contentType, bytes, AuthKind.valueOf(auth[0]), auth[1], label,
                op.method(), concrete(path));
    }

    private Request rpc(Operation op, Mutation mutation, Credential credential, Random random, String label) {
        List<String> names = new ArrayList<>(RPC_METHODS.keySet());
        names.sort(null);
        String method = names.get(random.nextInt(names.size()));
        String[] rest = RPC_METHODS.get(method);
        Map<String, Object> params = new LinkedHashMap<>();
        String restPath = rest[1];
        if (rest[1] != null) {
            Operation target = document.operations.stream()
                    .filter(o -> o.method().equals(rest[0]) && o.path().equals(rest[1])).findFirst().orElseThrow();
            for (Parameter p : target.parameters()) {
                if (p.in().equals("path") || random.nextBoolean()) {
                    params.put(p.name(), value(p.schema(), p.name(), random));
                }
            }
            if (target.bodyType() != null && value(target.bodySchema(), "", random) instanceof Map<?, ?> body) {
                body.forEach((k, v) -> params.put((String) k, v));
            }
            Map<String, Object> concreteValues = new LinkedHashMap<>(params);
            restPath = concrete(expand(rest[1], concreteValues, null));
        }
        Object call;
        Map<String, Object> one = FuzzDocument.object("jsonrpc", "2.0", "id", random.nextInt(1_000_000), "method", method,
                "params", mutation == Mutation.VALID || mutation == Mutation.BOUNDARY ? params
                        : mutate(params, Map.of("type", "object"), mutation, random));
        switch (random.nextInt(10)) {
            case 0 -> one.remove("id"); // a notification
            case 1 -> one.put("jsonrpc", random.nextBoolean() ? "1.0" : 2);
            case 2 -> one.put("method", random.nextBoolean() ? "tween.unknown." + alnum(random, 6) : 42);
            case 3 -> one.put("params", random.nextBoolean() ? List.of(1, 2) : "params");
            case 4 -> one.put("id", FuzzDocument.object("nested", List.of()));
            default -> {
            }
        }
        call = one;
        int batch = random.nextInt(12);
        if (batch == 0) {
            call = List.of();
        } else if (batch == 1) {
            List<Object> many = new ArrayList<>();
            for (int i = 0; i < 21; i++) {
                many.add(one);
            }
            call = many;
        } else if (batch == 2) {
            call = List.of(one, FuzzDocument.object("jsonrpc", "2.0", "method", "tween.auth.getScopes"), 7, "x");
        }
        byte[] bytes = json(call);
        String contentType = "application/json";
        if (mutation == Mutation.BROKEN_JSON) {
            bytes = broken(bytes, random);
        } else if (mutation == Mutation.WRONG_CONTENT_TYPE) {
            contentType = CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)];
        } else if (mutation == Mutation.EMPTY_BODY) {
            bytes = random.nextBoolean() ? null : "null".getBytes(StandardCharsets.UTF_8);
        } else if (mutation == Mutation.DEEP_NESTING && random.nextBoolean()) {
            bytes = nested(random).text().getBytes(StandardCharsets.UTF_8);
        }
        String[] auth = authorization(op, credential, random);
        boolean charged = call instanceof Map<?, ?> && rest[0] != null;
        return new Request(op, "POST", op.path(), contentType, bytes, AuthKind.valueOf(auth[0]), auth[1],
                label + "/" + method, charged ? rest[0] : null, charged ? restPath : null);
    }

    // ------------------------------------------------------------------ values from schemas

    @SuppressWarnings("unchecked")
    Object value(Map<String, Object> rawSchema, String field, Random random) {
        Map<String, Object> schema = document.resolve(rawSchema);
        Object hinted = hint(field, random);
        if (hinted != null) {
            return hinted;
        }
        if (schema.get("oneOf") instanceof List<?> choices) {
            return value(document.resolve(choices.get(random.nextInt(choices.size()))), field, random);
        }
        if (schema.containsKey("const")) {
            return schema.get("const");
        }
        if (schema.get("enum") instanceof List<?> values) {
            return values.get(random.nextInt(values.size()));
        }
        String type = type(schema);
        switch (type) {
            case "object" -> {
                Map<String, Object> out = new LinkedHashMap<>();
                Map<String, Object> properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
                List<Object> required = (List<Object>) schema.getOrDefault("required", List.of());
                properties.forEach((name, s) -> {
                    if (required.contains(name) || random.nextInt(3) > 0) {
                        out.put(name, value((Map<String, Object>) s, name, random));
                    }
                });
                return out;
            }
            case "array" -> {
                int min = number(schema.get("minItems"), 0);
                int max = Math.min(number(schema.get("maxItems"), 3), min + 3);
                List<Object> out = new ArrayList<>();
                int size = min + random.nextInt(Math.max(1, max - min + 1));
                for (int i = 0; i < Math.max(size, min == 0 ? 0 : 1); i++) {
                    out.add(value((Map<String, Object>) schema.getOrDefault("items", Map.of()), field, random));
                }
                return out;
            }
            case "number" -> {
                return BigDecimal.valueOf(1 + random.nextInt(200), 2);
            }
            case "integer" -> {
                int min = number(schema.get("minimum"), 0);
                int max = number(schema.get("maximum"), min + 100);
                return min + random.nextInt(Math.max(1, Math.min(max, min + 100) - min + 1));
            }
            case "boolean" -> {
                return random.nextBoolean();
            }
            default -> {
                return string(schema, random);
            }
        }
    }

    /** Values the services can act on, by field name: real users, known ids, the PIN. */
    private Object hint(String field, Random random) {
        return switch (field) {
            case "recipient", "user_id", "matrix_user_id" -> world.userId(random);
            case "user_ids" -> List.of(world.userId(random), world.userId(random));
            case "room_id" -> "!fuzz" + alnum(random, 6) + ":" + world.server();
            case "currency" -> random.nextInt(10) == 0 ? "EUR" : "USD";
            case "hashed_pin" -> Tmcp.sha256Hex(random.nextInt(4) == 0 ? "000000" : PIN);
            case "pin" -> random.nextInt(4) == 0 ? "123456" : PIN;
            case "idempotency_key" -> "fz-" + new UUID(random.nextLong(), random.nextLong());
            case "subject_token" -> world.matrixToken(random);
            case "client_id" -> world.clientId();
            case "scope" -> random.nextBoolean() ? "user:read" : "user:read wallet:balance wallet:pay";
            case "miniapp_context" -> random.nextBoolean() ? "{\"room_id\":\"!r:" + world.server() + "\"}" : "null";
            case "transfer_id", "payment_id", "gift_id", "withdrawal_id", "challenge_id", "external_account_id" ->
                    known(field, random);
            case "source_account_id", "destination_account_id" -> known("external_account_id", random);
            case "key" -> "fz_" + alnum(random, 1 + random.nextInt(12));
            case "value" -> "v-" + alnum(random, random.nextInt(40));
            case "session" -> "cns_" + alnum(random, 16);
            default -> null;
        };
    }

    private String known(String name, Random random) {
        String id = world.knownId(name, random);
        if (id != null && random.nextInt(5) > 0) {
            return id;
        }
        String prefix = switch (name) {
            case "transfer_id" -> "p2p_";
            case "payment_id" -> "pay_";
            case "gift_id" -> "gift_";
            case "withdrawal_id" -> "wd_";
            case "challenge_id" -> "mfa_";
            default -> "ext_";
        };
        return prefix + alnum(random, 20);
    }

    private static String string(Map<String, Object> schema, Random random) {
        String pattern = (String) schema.getOrDefault("pattern", "");
        int max = number(schema.get("maxLength"), 24);
        if (pattern.startsWith("^") && pattern.length() > 1 && Character.isLetter(pattern.charAt(1))) {
            int end = 1;
            while (end < pattern.length() && (Character.isLetterOrDigit(pattern.charAt(end)) || pattern.charAt(end) == '_')) {
                end++;
            }
            return pattern.substring(1, end) + alnum(random, 12);
        }
        if (pattern.equals("^[0-9]{6}$")) {
            return String.format("%06d", random.nextInt(1_000_000));
        }
        return alnum(random, Math.max(number(schema.get("minLength"), 1), Math.min(max, 1 + random.nextInt(16))));
    }

    private static String type(Map<String, Object> schema) {
        Object type = schema.get("type");
        if (type instanceof List<?> types) {
            return types.stream().map(String::valueOf).filter(t -> !t.equals("null")).findFirst().orElse("string");
        }
        if (type == null) {
            return schema.containsKey("properties") ? "object" : "string";
        }
        return (String) type;
    }

    // ------------------------------------------------------------------ mutations

    @SuppressWarnings("unchecked")
    private Object mutate(Object body, Map<String, Object> schema, Mutation mutation, Random random) {
        if (mutation == Mutation.VALID) {
            return body;
        }
        if (mutation == Mutation.DEEP_NESTING) {
            if (body instanceof Map<?, ?> map && !map.isEmpty() && random.nextBoolean()) {
                Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) map);
                String key = pick(copy.keySet(), random);
                copy.put(key, nested(random));
                return copy;
            }
            return nested(random);
        }
        if (!(body instanceof Map<?, ?>)) {
            return body;
        }
        Map<String, Object> copy = deepCopy((Map<String, Object>) body);
        List<List<Object>> leaves = new ArrayList<>();
        collectLeaves(copy, new ArrayList<>(), leaves);
        switch (mutation) {
            case MISSING_REQUIRED -> {
                List<Object> required = (List<Object>) document.resolve(schema).getOrDefault("required", List.of());
                if (!required.isEmpty() && random.nextBoolean()) {
                    copy.remove(String.valueOf(required.get(random.nextInt(required.size()))));
                } else if (!leaves.isEmpty()) {
                    remove(copy, leaves.get(random.nextInt(leaves.size())));
                }
                return copy;
            }
            case EXTRA_FIELDS -> {
                for (int i = 0; i < 1 + random.nextInt(4); i++) {
                    copy.put(random.nextInt(5) == 0 ? "__proto__" : "unexpected_" + alnum(random, 6), randomValue(random));
                }
                return copy;
            }
            default -> {
            }
        }
        if (leaves.isEmpty()) {
            copy.put(random.nextBoolean() ? "value" : "amount", replacement(mutation, null, random));
            return copy;
        }
        int changes = 1 + random.nextInt(Math.min(3, leaves.size()));
        for (int i = 0; i < changes; i++) {
            List<Object> leaf = leaves.get(random.nextInt(leaves.size()));
            set(copy, leaf, replacement(mutation, get(copy, leaf), random));
        }
        return copy;
    }

    private static Object replacement(Mutation mutation, Object current, Random random) {
        return switch (mutation) {
            case BOUNDARY -> boundary(current, random);
            case WRONG_TYPE -> wrongType(current, random);
            case CONTROL_CHARS -> (current instanceof String s ? s : "x") + CONTROL[random.nextInt(CONTROL.length)]
                    + (random.nextBoolean() ? "tail" : "");
            case OVERLONG_STRING -> "é".repeat(new int[] {101, 257, 501, 2049, 70_000}[random.nextInt(5)]);
            case HUGE_NUMBER -> new RawNumber(HUGE[random.nextInt(HUGE.length)]);
            case NEGATIVE_NUMBER -> NEGATIVE[random.nextInt(NEGATIVE.length)];
            default -> current;
        };
    }

    private static Object boundary(Object current, Random random) {
        if (current instanceof String s) {
            int[] lengths = {0, 1, 30, 40, 100, 101, 120, 121, 255, 256, 257, 500, 501};
            int n = lengths[random.nextInt(lengths.length)];
            return s.isEmpty() || n == 0 ? "" : s.charAt(0) + "a".repeat(Math.max(0, n - 1));
        }
        if (current instanceof BigDecimal) {
            String[] amounts = {"0", "0.01", "0.001", "0.005", "999999.99", "1000000", "1000000.01", "0.00"};
            return new BigDecimal(amounts[random.nextInt(amounts.length)]);
        }
        if (current instanceof Integer) {
            int[] ints = {0, 1, -1, 100, 101, 1000, 1001, Integer.MAX_VALUE};
            return ints[random.nextInt(ints.length)];
        }
        if (current instanceof List<?> list) {
            List<Object> big = new ArrayList<>();
            for (int i = 0; i < (random.nextBoolean() ? 101 : 0); i++) {
                big.add(list.isEmpty() ? "x" + i : list.get(0));
            }
            return big;
        }
        return current;
    }

    private static Object wrongType(Object current, Random random) {
        Object[] others = {"text", 12, 12.5, true, null, List.of("a"), FuzzDocument.object("a", 1), "", List.of()};
        Object choice;
        do {
            choice = others[random.nextInt(others.length)];
        } while (choice != null && current != null && choice.getClass() == current.getClass());
        return choice;
    }

    private static Object randomValue(Random random) {
        Object[] values = {"x", 1, -1, true, null, List.of(), FuzzDocument.object(), "\u0000", new RawNumber("1e400")};
        return values[random.nextInt(values.length)];
    }

    private static RawJson nested(Random random) {
        int depth = new int[] {64, 600, 1500, 5000}[random.nextInt(4)];
        boolean arrays = random.nextBoolean();
        return new RawJson((arrays ? "[" : "{\"a\":").repeat(depth) + "1" + (arrays ? "]" : "}").repeat(depth));
    }

    private static byte[] broken(byte[] valid, Random random) {
        switch (random.nextInt(4)) {
            case 0 -> {
                return java.util.Arrays.copyOf(valid, Math.max(0, valid.length / 2));
            }
            case 1 -> {
                byte[] out = java.util.Arrays.copyOf(valid, valid.length + 2);
                out[valid.length] = (byte) 0xC3;
                out[valid.length + 1] = (byte) 0x28; // invalid UTF-8
                return out;
            }
            default -> {
                return BROKEN[random.nextInt(BROKEN.length)].getBytes(StandardCharsets.UTF_8);
            }
        }
    }

    private static void badQuery(Operation op, Map<String, Object> query, Random random) {
        Object[] values = {"abc", -1, "99999999999999999999", "%00", "", "1.5", "%25zz", "0x10", List.of("1", "2")};
        List<String> names = op.parameters().stream().filter(p -> p.in().equals("query")).map(Parameter::name).toList();
        String name = names.isEmpty() || random.nextInt(4) == 0 ? "unexpected_" + alnum(random, 4) : pick(names, random);
        query.put(name, values[random.nextInt(values.length)]);
    }

    private static void mutateQuery(Map<String, Object> query, Mutation mutation, Random random) {
        String name = pick(query.keySet(), random);
        // The request line stays under the HTTP server's 4 KiB, past which Netty answers 414 itself.
        query.put(name, mutation == Mutation.OVERLONG_STRING ? "é".repeat(300) : replacement(mutation, query.get(name), random));
    }

    // ------------------------------------------------------------------ credentials

    private String[] authorization(Operation op, Credential credential, Random random) {
        String scheme = op.security().get(random.nextInt(op.security().size()));
        return switch (credential) {
            case PROPER -> switch (scheme) {
                case "tep" -> op.path().startsWith("/api/v1/auth/revoke") ? pair("REVOKER_TEP", null) : pair("USER_TEP", null);
                case "merchantBasic", "clientBasic" -> pair("LITERAL", Http.basic(world.clientId(), "wrong-" + alnum(random, 12)));
                case "homeserver" -> pair("LITERAL", "Bearer " + world.matrixToken(random));
                case "none" -> pair("NONE", null);
                case "walletHmac" -> pair("LITERAL", "HMAC-SHA256 " + alnum(random, 64));
                default -> pair("LITERAL", "Bearer " + alnum(random, 40));
            };
            case NONE -> pair("NONE", null);
            case GARBAGE_BEARER -> pair("LITERAL", "Bearer " + (random.nextBoolean() ? "tep." : "") + alnum(random, 1 + random.nextInt(300)));
            case TAMPERED_TEP -> pair("TAMPERED_TEP", null);
            case TRUNCATED_TEP -> pair("TRUNCATED_TEP", null);
            case EMPTY_BEARER -> pair("LITERAL", random.nextBoolean() ? "Bearer " : "Bearer");
            case MALFORMED_BASIC -> pair("LITERAL", malformedBasic(random));
            case WRONG_SCHEME -> pair("LITERAL", new String[] {"Digest x", "Token abc", "bearer", "Negotiate", "tep.abc"}[random.nextInt(5)]);
            case ODD_CHARACTERS -> pair("LITERAL", "Bearer tep.é" + "ü".repeat(random.nextInt(50)) + "\t" + alnum(random, 3));
        };
    }

    private static String malformedBasic(Random random) {
        String[] raw = {"%zz:x", ":", "", "no-colon", "a:b:c", "\u0000:\u0000", "ma_demo:%", "é:ü"};
        return switch (random.nextInt(4)) {
            case 0 -> "Basic " + Base64.getEncoder().encodeToString(raw[random.nextInt(raw.length)].getBytes(StandardCharsets.UTF_8));
            case 1 -> "Basic " + alnum(random, 7) + "=="; // not valid base64
            case 2 -> "Basic";
            default -> "Basic !!!" + alnum(random, 5);
        };
    }

    private static String[] pair(String kind, String value) {
        return new String[] {kind, value};
    }

    // ------------------------------------------------------------------ encoding

    private static String expand(String template, Map<String, Object> values, Random bad) {
        StringBuilder out = new StringBuilder();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(template);
        boolean spoiled = false;
        while (m.find()) {
            String value;
            if (bad != null && (!spoiled || bad.nextBoolean())) {
                spoiled = true;
                value = bad.nextInt(5) == 0 ? "x".repeat(300 + bad.nextInt(700)) : BAD_SEGMENTS[bad.nextInt(BAD_SEGMENTS.length)];
            } else {
                value = Http.enc(String.valueOf(values.getOrDefault(m.group(1), "x"))).replace("+", "%20");
            }
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The path as the gateway's rate rows see it (decoded enough for matching). */
    private static String concrete(String path) {
        return path.replaceAll("%[0-9A-Fa-f]{2}", "_");
    }

    private static String queryString(Map<String, Object> query) {
        if (query.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("?");
        query.forEach((name, value) -> {
            List<?> values = value instanceof List<?> list ? list : java.util.Collections.singletonList(value);
            for (Object v : values) {
                String text = v instanceof RawNumber raw ? raw.literal() : String.valueOf(v);
                out.append(out.length() > 1 ? "&" : "").append(Http.enc(name)).append('=')
                        .append(text.startsWith("%") ? text : Http.enc(text));
            }
        });
        return out.toString();
    }

    private static String form(Object body) {
        if (!(body instanceof Map<?, ?> map)) {
            return body instanceof String s ? s : "";
        }
        StringBuilder out = new StringBuilder();
        map.forEach((k, v) -> out.append(out.isEmpty() ? "" : "&").append(Http.enc(String.valueOf(k))).append('=')
                .append(Http.enc(v instanceof RawNumber raw ? raw.literal() : v instanceof RawJson j ? j.text() : String.valueOf(v))));
        return out.toString();
    }

    static byte[] json(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof RawNumber raw) {
            out.append(raw.literal());
        } else if (value instanceof RawJson raw) {
            out.append(raw.text());
        } else if (value instanceof String s) {
            out.append('"');
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    default -> {
                        if (c < 0x20 || Character.isSurrogate(c)) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (var e : map.entrySet()) {
                out.append(first ? "" : ",");
                first = false;
                write(String.valueOf(e.getKey()), out);
                out.append(':');
                write(e.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(list.get(i), out);
            }
            out.append(']');
        } else if (value instanceof BigDecimal d) {
            out.append(d.toPlainString());
        } else {
            out.append(value);
        }
    }

    // ------------------------------------------------------------------ small helpers

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, v instanceof Map<?, ?> m ? deepCopy((Map<String, Object>) m)
                : v instanceof List<?> l ? new ArrayList<>(l) : v));
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static void collectLeaves(Map<String, Object> map, List<Object> prefix, List<List<Object>> out) {
        map.forEach((k, v) -> {
            List<Object> path = new ArrayList<>(prefix);
            path.add(k);
            if (v instanceof Map<?, ?> m && !m.isEmpty()) {
                collectLeaves((Map<String, Object>) m, path, out);
            } else {
                out.add(path);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static Object get(Map<String, Object> map, List<Object> path) {
        Object node = map;
        for (Object key : path) {
            node = ((Map<String, Object>) node).get(key);
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static void set(Map<String, Object> map, List<Object> path, Object value) {
        Map<String, Object> node = map;
        for (int i = 0; i < path.size() - 1; i++) {
            node = (Map<String, Object>) node.get(path.get(i));
        }
        node.put((String) path.get(path.size() - 1), value);
    }

    @SuppressWarnings("unchecked")
    private static void remove(Map<String, Object> map, List<Object> path) {
        Map<String, Object> node = map;
        for (int i = 0; i < path.size() - 1; i++) {
            node = (Map<String, Object>) node.get(path.get(i));
        }
        node.remove(path.get(path.size() - 1));
    }

    private static <T> T pick(java.util.Collection<T> values, Random random) {
        List<T> list = new ArrayList<>(values);
        return list.get(random.nextInt(list.size()));
    }

    private static int number(Object value, int fallback) {
        return value instanceof Number n ? (int) Math.min(Integer.MAX_VALUE, n.longValue()) : fallback;
    }

    static String alnum(Random random, int length) {
        String chars = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(chars.charAt(random.nextInt(chars.length())));
        }
        return out.toString();
    }
}
