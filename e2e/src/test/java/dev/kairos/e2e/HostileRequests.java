package dev.kairos.e2e;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Matcher;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hostile HTTP requests to every public endpoint of the three services, drawn from one seeded {@link Random}
 * so that a failure replays exactly. Each request says what a correct service answers: a refusal (4xx), or
 * either a refusal or an answer (2xx) where the input is odd but legitimate (an unknown but well-formed
 * customer id, say). Never a 5xx.
 */
final class HostileRequests {

    /** What a correct service answers to one hostile request. */
    enum Expect {
        REFUSED("4xx"),
        REFUSED_OR_ANSWERED("2xx or 4xx");

        final String text;

        Expect(String text) {
            this.text = text;
        }

        boolean allows(int status) {
            return status >= 400 && status < 500 || this == REFUSED_OR_ANSWERED && status >= 200 && status < 300;
        }
    }

    /** One request; {@code endpoint} names the route it aims at, for the per-endpoint counts. */
    record Request(String category, String service, String method, String endpoint, String path,
                   Map<String, String> headers, byte[] body, Expect expect) {
    }

    /** A JSON endpoint and a valid body for it; {@code {n}} in the path becomes a fresh id. */
    private record JsonEndpoint(String service, String method, String route, Function<Integer, String> path,
                                Function<Integer, String> validBody, List<String> stringFields) {
        String endpoint() {
            return method + " " + route;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_TYPE = "application/json";

    private final Random random;
    private final String token;
    private final String narrowToken;
    private final List<Request> requests = new ArrayList<>();
    private final List<JsonEndpoint> jsonEndpoints;
    private final String consenting;

    /**
     * @param token       a token with every scope
     * @param narrowToken a valid token whose scopes allow none of these calls
     * @param knownTopic  a topic in the catalogue, so that only the part under test is hostile
     * @param consenting  a customer who consented to that topic: a message to anyone else ends before rendering
     */
    HostileRequests(long seed, String token, String narrowToken, String knownTopic, String consenting) {
        this.consenting = consenting;
        this.random = new Random(seed);
        this.token = token;
        this.narrowToken = narrowToken;
        this.jsonEndpoints = List.of(
                new JsonEndpoint("PREFERENCES", "PUT", "/api/v1/topics/{topicId}", n -> "/api/v1/topics/abuse-topic-" + n,
                        n -> """
                                {"name": "Abuse %d", "category": "MARKETING", "purpose": "abuse", "urgent": false,
                                 "defaultChannels": ["EMAIL"]}""".formatted(n),
                        List.of("name", "purpose")),
                new JsonEndpoint("PREFERENCES", "PUT", "/api/v1/customers/{customerId}/preferences",
                        n -> "/api/v1/customers/abuse-c-" + n + "/preferences",
                        n -> """
                                {"locale": "fr-FR", "timeZone": "Europe/Paris", "jurisdiction": "FR",
                                 "formOfAddress": {"title": "NONE", "givenName": "Camille", "familyName": "Durand"},
                                 "contactPoints": {"email": "abuse-%d@example.org", "sms": "+33612345678",
                                   "postal": {"recipient": "Camille Durand", "lines": ["12 rue des Lilas"],
                                              "postalCode": "75011", "city": "Paris", "country": "FR"}},
                                 "channelPriority": ["EMAIL", "SMS", "MAIL"],
                                 "quietHours": [{"from": "21:00", "to": "08:00", "channels": ["SMS"]}],
                                 "sendWindows": [{"days": ["SATURDAY"], "from": "10:00", "to": "12:00"}],
                                 "topics": {"%s": {"channels": ["EMAIL"], "frequency": {"max": 1, "per": "WEEK"}}},
                                 "overallCap": {"max": 3, "per": "WEEK"}}""".formatted(n, knownTopic),
                        List.of("locale", "timeZone", "formOfAddress.givenName", "formOfAddress.familyName",
                                "contactPoints.email", "contactPoints.postal.city", "contactPoints.postal.recipient")),
                new JsonEndpoint("COMPLIANCE", "POST", "/api/v1/consents", n -> "/api/v1/consents",
                        n -> """
                                {"customerId": "abuse-c-%d", "channel": "EMAIL", "purpose": "abuse", "action": "GRANT",
                                 "address": "abuse-%d@example.org", "jurisdiction": "FR", "basis": "OPT_IN",
                                 "doubleOptIn": false, "collectedAt": "2026-11-23T10:15:30Z",
                                 "evidence": {"source": "WEB_FORM", "collectionPoint": "abuse", "noticeText": "Yes",
                                              "noticeVersion": "3", "ipAddress": "203.0.113.7", "userAgent": "abuse"}}"""
                                .formatted(n, n),
                        List.of("customerId", "purpose", "address", "evidence.noticeText", "evidence.userAgent")),
                new JsonEndpoint("COMPLIANCE", "POST", "/api/v1/activities", n -> "/api/v1/activities",
                        n -> """
                                {"customerId": "abuse-c-%d", "type": "PURCHASE", "at": "2026-11-23T10:15:30Z"}"""
                                .formatted(n),
                        List.of("customerId")),
                new JsonEndpoint("COMPLIANCE", "POST", "/api/v1/suppressions", n -> "/api/v1/suppressions",
                        n -> """
                                {"address": "abuse-%d@example.org", "channel": "EMAIL", "reason": "MANUAL"}"""
                                .formatted(n),
                        List.of("address")),
                new JsonEndpoint("DISPATCH", "POST", "/api/v1/messages", n -> "/api/v1/messages",
                        n -> """
                                {"requestId": "abuse-r-%d", "customerId": "abuse-c-%d", "topic": "%s",
                                 "content": {"EMAIL": {"subject": "Hello {{givenName}}", "text": "Hi {{salutation}}"}},
                                 "variables": {"a": "b"}, "campaignId": "abuse"}""".formatted(n, n, knownTopic),
                        List.of("content.EMAIL.subject", "content.EMAIL.text", "campaignId")));
    }

    /** Every hostile request, in a seeded order. */
    List<Request> all() {
        for (int i = 0; i < 420; i++) {
            for (JsonEndpoint endpoint : jsonEndpoints) {
                malformedJson(endpoint);
            }
        }
        for (int i = 0; i < 300; i++) {
            for (JsonEndpoint endpoint : jsonEndpoints) {
                wrongType(endpoint);
            }
        }
        for (int i = 0; i < 3; i++) {
            for (JsonEndpoint endpoint : jsonEndpoints) {
                hugeString(endpoint);
            }
        }
        hugeArrays();
        for (int i = 0; i < 8; i++) {
            for (JsonEndpoint endpoint : jsonEndpoints) {
                deepNesting(endpoint);
            }
        }
        for (int i = 0; i < 600; i++) {
            invalidTemplate();
        }
        for (int i = 0; i < 400; i++) {
            unknownTopic();
        }
        for (int i = 0; i < 150; i++) {
            badIds();
        }
        for (int i = 0; i < 50; i++) {
            for (JsonEndpoint endpoint : jsonEndpoints) {
                wrongContentType(endpoint);
            }
        }
        for (int i = 0; i < 25; i++) {
            badAuth();
        }
        for (int i = 0; i < 80; i++) {
            forgedPageTokens();
        }
        Collections.shuffle(requests, random);
        return requests;
    }

    // ---- categories -------------------------------------------------------------------------------------

    private void malformedJson(JsonEndpoint endpoint) {
        int n = random.nextInt(1_000_000);
        String valid = endpoint.validBody().apply(n);
        byte[] body;
        do {
            body = switch (random.nextInt(8)) {
                case 0 -> valid.substring(0, 1 + random.nextInt(valid.length() - 2)).getBytes(StandardCharsets.UTF_8);
                case 1 -> insert(valid, random.nextInt(valid.length()), String.valueOf("{}[]\",:\\'".charAt(random.nextInt(9))));
                case 2 -> valid.replaceFirst(":", "").getBytes(StandardCharsets.UTF_8);
                case 3 -> (valid + "}" + "garbage".repeat(random.nextInt(3))).getBytes(StandardCharsets.UTF_8);
                case 4 -> randomBytes(1 + random.nextInt(400));
                case 5 -> invalidUtf8(valid);
                case 6 -> valid.replace("\"", "'").getBytes(StandardCharsets.UTF_8);
                default -> new byte[0];
            };
        } while (isJson(body));
        add("malformed JSON", endpoint, endpoint.path().apply(n), jsonHeaders(token), body, Expect.REFUSED);
    }

    private void wrongType(JsonEndpoint endpoint) {
        int n = random.nextInt(1_000_000);
        if (random.nextInt(10) == 0) {
            String document = List.of("null", "[]", "\"text\"", "42", "true", "{}", "[{}]").get(random.nextInt(7));
            add("wrong types", endpoint, endpoint.path().apply(n), jsonHeaders(token), utf8(document), Expect.REFUSED);
            return;
        }
        ObjectNode body = (ObjectNode) JSON.readTree(endpoint.validBody().apply(n));
        List<String> paths = new ArrayList<>();
        collectPaths(body, "", paths);
        String path = paths.get(random.nextInt(paths.size()));
        JsonNode old = at(body, path);
        set(body, path, wrongTypeFor(old));
        add("wrong types", endpoint, endpoint.path().apply(n), jsonHeaders(token), utf8(body.toString()), Expect.REFUSED);
    }

    /** A value no lenient reading turns into the original's type: Jackson coerces scalars into strings. */
    private JsonNode wrongTypeFor(JsonNode old) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (old.isString()) {
            return random.nextBoolean() ? nodes.objectNode().put("x", 1) : nodes.arrayNode().add("a").add("b");
        }
        if (old.isNumber() || old.isBoolean()) {
            return random.nextBoolean() ? nodes.stringNode("not a " + old.getNodeType()) : nodes.objectNode().put("x", 1);
        }
        if (old.isArray()) {
            return random.nextBoolean() ? nodes.objectNode().put("x", 1) : nodes.numberNode(42);
        }
        return random.nextBoolean() ? nodes.numberNode(42) : nodes.arrayNode().add("x").add("y");
    }

    private void hugeString(JsonEndpoint endpoint) {
        int n = random.nextInt(1_000_000);
        ObjectNode body = (ObjectNode) JSON.readTree(endpoint.validBody().apply(n));
        String field = endpoint.stringFields().get(random.nextInt(endpoint.stringFields().size()));
        set(body, field, JsonNodeFactory.instance.stringNode(letters((1 + random.nextInt(3)) * 1024 * 1024)));
        add("huge strings", endpoint, endpoint.path().apply(n), jsonHeaders(token), utf8(body.toString()), Expect.REFUSED);
    }

    /** 100,000 of each repeated thing a document holds, as in the 7 MB preferences. */
    private void hugeArrays() {
        JsonEndpoint preferences = jsonEndpoints.get(1);
        JsonEndpoint messages = jsonEndpoints.get(5);
        JsonEndpoint topics = jsonEndpoints.get(0);
        Map<JsonEndpoint, List<String>> arrays = Map.of(
                preferences, List.of("quietHours", "sendWindows", "contactPoints.postal.lines", "channelPriority", "topics"),
                messages, List.of("channels", "variables"),
                topics, List.of("defaultChannels"));
        arrays.forEach((endpoint, fields) -> {
            for (String field : fields) {
                int n = random.nextInt(1_000_000);
                ObjectNode body = (ObjectNode) JSON.readTree(endpoint.validBody().apply(n));
                set(body, field, hundredThousand(at(body, field)));
                add("huge arrays", endpoint, endpoint.path().apply(n), jsonHeaders(token), utf8(body.toString()), Expect.REFUSED);
            }
        });
    }

    private JsonNode hundredThousand(JsonNode old) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (old != null && old.isObject()) {
            ObjectNode many = nodes.objectNode();
            JsonNode one = old.isEmpty() ? nodes.stringNode("v") : old.values().iterator().next();
            for (int i = 0; i < 100_000; i++) {
                many.set("k" + i, one);
            }
            return many;
        }
        ArrayNode many = nodes.arrayNode();
        JsonNode one = old == null || old.isEmpty() ? nodes.stringNode("EMAIL") : old.isArray() ? old.get(0) : old;
        for (int i = 0; i < 100_000; i++) {
            many.add(one);
        }
        return many;
    }

    private void deepNesting(JsonEndpoint endpoint) {
        int n = random.nextInt(1_000_000);
        int depth = List.of(1_001, 5_000, 20_000, 100_000).get(random.nextInt(4));
        String open = random.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        String nested = open.repeat(depth) + "1" + close.repeat(depth);
        String valid = endpoint.validBody().apply(n);
        // Either the whole document, or one field of an otherwise valid document.
        String body = random.nextBoolean() ? nested : valid.replaceFirst("\\{", "{\"nested\": " + Matcher.quoteReplacement(nested) + ", ");
        add("deep nesting", endpoint, endpoint.path().apply(n), jsonHeaders(token), utf8(body), Expect.REFUSED);
    }

    /** Templates that cannot compile: a section closed that was never opened, one never closed, a tag cut. */
    private void invalidTemplate() {
        JsonEndpoint messages = jsonEndpoints.get(5);
        int n = random.nextInt(1_000_000);
        ObjectNode body = (ObjectNode) JSON.readTree(messages.validBody().apply(n));
        body.put("customerId", consenting);
        if (random.nextInt(10) == 0) {
            // A stored template that does not exist stands for one that cannot be rendered.
            body.remove("content");
            body.put("templateId", "abuse-missing-template-" + n);
        } else {
            String broken = List.of("{{/oops}}", "{{#a}}", "{{#a}}x{{/b}}", "{{salutation", "{{^a}}never closed",
                    "{{{salutation}}", "{{#}}{{/}}", "}}{{/salutation}}").get(random.nextInt(8));
            String channel = List.of("EMAIL", "SMS", "MAIL").get(random.nextInt(3));
            String field = channel.equals("EMAIL") ? List.of("subject", "text", "html").get(random.nextInt(3)) : "text";
            ObjectNode content = JsonNodeFactory.instance.objectNode();
            ObjectNode one = content.putObject(channel);
            one.put("subject", "Hello");
            one.put("text", "Hello {{givenName}}");
            one.put(field, letters(random.nextInt(20)) + broken + letters(random.nextInt(20)));
            body.set("content", content);
        }
        add("invalid templates", messages, "/api/v1/messages", jsonHeaders(token), utf8(body.toString()), Expect.REFUSED);
    }

    private void unknownTopic() {
        JsonEndpoint messages = jsonEndpoints.get(5);
        int n = random.nextInt(1_000_000);
        ObjectNode body = (ObjectNode) JSON.readTree(messages.validBody().apply(n));
        String topic = switch (random.nextInt(4)) {
            case 0 -> "abuse-unknown-" + n;
            case 1 -> "no-such-topic-" + letters(1 + random.nextInt(40)).toLowerCase();
            case 2 -> unicode(1 + random.nextInt(30));
            default -> "";
        };
        body.put("customerId", consenting);
        body.put("topic", topic);
        add("unknown topics", messages, "/api/v1/messages", jsonHeaders(token), utf8(body.toString()), Expect.REFUSED);
    }

    /**
     * Ids that no one would give a customer, a topic or a request. Traversal, NUL and control characters in a
     * path are refused; long or unicode ids are odd but not wrong, so a plain "not found" or empty answer is fine.
     */
    private void badIds() {
        record Route(String service, String method, String template, JsonEndpoint bodyFrom) {
        }
        List<Route> routes = List.of(
                new Route("PREFERENCES", "GET", "/api/v1/customers/{id}/preferences", null),
                new Route("PREFERENCES", "PUT", "/api/v1/customers/{id}/preferences", jsonEndpoints.get(1)),
                new Route("PREFERENCES", "GET", "/api/v1/customers/{id}/data-export", null),
                new Route("PREFERENCES", "PUT", "/api/v1/topics/{id}", jsonEndpoints.get(0)),
                new Route("COMPLIANCE", "GET", "/api/v1/customers/{id}/consents", null),
                new Route("COMPLIANCE", "GET", "/api/v1/customers/{id}/consents/history", null),
                new Route("COMPLIANCE", "GET", "/api/v1/customers/{id}/data-export", null),
                new Route("COMPLIANCE", "DELETE", "/api/v1/customers/{id}", null),
                new Route("COMPLIANCE", "GET", "/api/v1/suppressions?address={id}", null),
                new Route("COMPLIANCE", "GET", "/api/v1/customers/{id}/consents?asOf={id}", null),
                new Route("COMPLIANCE", "GET", "/api/v1/audit/ledger?from={id}&to={id}", null),
                new Route("DISPATCH", "GET", "/api/v1/messages/{id}", null),
                new Route("DISPATCH", "GET", "/api/v1/customers/{id}/data-export", null));
        for (Route route : routes) {
            int n = random.nextInt(1_000_000);
            boolean refused = random.nextBoolean();
            String id = refused ? refusedId(n) : oddId(n);
            // A query parameter that is not an instant is a wrong value, not an odd id; an odd address looked
            // up as a query value is only a lookup that finds nothing, whatever it contains.
            boolean instant = route.template().contains("asOf=") || route.template().contains("from=");
            boolean lookup = route.template().contains("address=");
            Expect expect = instant || refused && !lookup ? Expect.REFUSED : Expect.REFUSED_OR_ANSWERED;
            byte[] body = route.bodyFrom() == null ? null : utf8(route.bodyFrom().validBody().apply(n));
            Map<String, String> headers = body == null ? Map.of("Authorization", "Bearer " + token) : jsonHeaders(token);
            String endpoint = route.method() + " " + route.template().replaceAll("\\?.*", "");
            requests.add(new Request("bad ids", route.service(), route.method(), endpoint,
                    route.template().replace("{id}", id), headers, body, expect));
        }
    }

    /** Already percent-encoded, as a hostile client would send it. */
    private String refusedId(int n) {
        return switch (random.nextInt(6)) {
            case 0 -> "..%2F..%2F..%2Fetc%2Fpasswd";
            case 1 -> "abuse-" + n + "%00";
            case 2 -> "%2e%2e%2f%2e%2e%2f" + n;
            case 3 -> "abuse%0D%0AX-Injected:%20" + n;
            case 4 -> "abuse%5C..%5C" + n;
            default -> "abuse%2F" + n;
        };
    }

    private String oddId(int n) {
        String raw = switch (random.nextInt(4)) {
            case 0 -> "abuse-" + n + "-" + letters(1_000 + random.nextInt(3_000));
            case 1 -> unicode(1 + random.nextInt(60));
            case 2 -> "abuse " + n + " ' \" ; -- <script>";
            default -> "abuse-" + n + "." + letters(random.nextInt(5)) + ".json";
        };
        return URLEncoder.encode(raw, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private void wrongContentType(JsonEndpoint endpoint) {
        int n = random.nextInt(1_000_000);
        String type = List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=abuse", "image/png", "garbage", "application/octet-stream",
                "text/html").get(random.nextInt(8));
        add("wrong content types", endpoint, endpoint.path().apply(n),
                Map.of("Authorization", "Bearer " + token, "Content-Type", type), utf8(endpoint.validBody().apply(n)),
                Expect.REFUSED);
    }

    /** Every /api endpoint, without a usable token. */
    private void badAuth() {
        String[] jwt = token.split("\\.");
        String forgedClaims = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"sub\":\"abuse\",\"scope\":\"subjects:erase\",\"exp\":4102444800}".getBytes(StandardCharsets.UTF_8));
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        List<String> authorizations = new ArrayList<>(List.of("", "Bearer", "Bearer ", "Bearer garbage",
                "Basic YWRtaW46YWRtaW4=", "Bearer " + none + "." + forgedClaims + ".",
                "Bearer " + jwt[0] + "." + forgedClaims + "." + jwt[2],
                "Bearer " + token.substring(0, token.length() - 4) + "AAAA",
                "Bearer " + letters(10_000), "bearer" + token, "Bearer " + narrowToken));
        String authorization = authorizations.get(random.nextInt(authorizations.size()));
        for (JsonEndpoint endpoint : jsonEndpoints) {
            int n = random.nextInt(1_000_000);
            Map<String, String> headers = authorization.isEmpty() ? Map.of("Content-Type", JSON_TYPE)
                    : Map.of("Authorization", authorization, "Content-Type", JSON_TYPE);
            add("bad bearer tokens", endpoint, endpoint.path().apply(n), headers, utf8(endpoint.validBody().apply(n)),
                    Expect.REFUSED);
        }
        for (String[] get : new String[][] {
                {"PREFERENCES", "/api/v1/topics"}, {"PREFERENCES", "/api/v1/customers/abuse-c-1/preferences"},
                {"PREFERENCES", "/api/v1/customers/abuse-c-1/data-export"},
                {"COMPLIANCE", "/api/v1/customers/abuse-c-1/consents"}, {"COMPLIANCE", "/api/v1/customers/abuse-c-1/consents/history"},
                {"COMPLIANCE", "/api/v1/suppressions?address=abuse@example.org"}, {"COMPLIANCE", "/api/v1/audit/ledger/verification"},
                {"COMPLIANCE", "/api/v1/audit/ledger"}, {"COMPLIANCE", "/api/v1/audit/record-of-processing"},
                {"COMPLIANCE", "/api/v1/customers/abuse-c-1/data-export"},
                {"DISPATCH", "/api/v1/messages/abuse-r-1"}, {"DISPATCH", "/api/v1/customers/abuse-c-1/data-export"}}) {
            Map<String, String> headers = authorization.isEmpty() ? Map.of() : Map.of("Authorization", authorization);
            requests.add(new Request("bad bearer tokens", get[0], "GET", "GET " + get[1].replaceAll("\\?.*", ""), get[1],
                    headers, null, Expect.REFUSED));
        }
        Map<String, String> headers = authorization.isEmpty() ? Map.of() : Map.of("Authorization", authorization);
        requests.add(new Request("bad bearer tokens", "COMPLIANCE", "DELETE", "DELETE /api/v1/customers/{customerId}",
                "/api/v1/customers/abuse-c-1", headers, null, Expect.REFUSED));
    }

    /** The customer-facing pages with tokens nobody signed. */
    private void forgedPageTokens() {
        String page = List.of("p", "u", "c").get(random.nextInt(3));
        String forged = switch (random.nextInt(6)) {
            case 0 -> Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(8 + random.nextInt(120)));
            case 1 -> "k1." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                    ("{\"sub\":\"c-42\",\"purpose\":\"" + page + "\"}").getBytes(StandardCharsets.UTF_8)) + ".AAAA";
            case 2 -> letters(2_000 + random.nextInt(4_000));
            case 3 -> URLEncoder.encode(unicode(1 + random.nextInt(40)), StandardCharsets.UTF_8);
            case 4 -> "abuse%00" + random.nextInt(1000);
            default -> token.replace('.', '_');
        };
        String route = "/" + page + "/{token}";
        if (random.nextBoolean()) {
            requests.add(new Request("forged page tokens", "PREFERENCES", "GET", "GET " + route, "/" + page + "/" + forged,
                    Map.of(), null, Expect.REFUSED));
        } else {
            String form = page.equals("u") ? "List-Unsubscribe=One-Click"
                    : page.equals("p") ? "version=1&topic-promotions-mode=OFF" : "confirm=yes";
            requests.add(new Request("forged page tokens", "PREFERENCES", "POST", "POST " + route, "/" + page + "/" + forged,
                    Map.of("Content-Type", "application/x-www-form-urlencoded"), utf8(form), Expect.REFUSED));
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    private void add(String category, JsonEndpoint endpoint, String path, Map<String, String> headers, byte[] body,
                     Expect expect) {
        requests.add(new Request(category, endpoint.service(), endpoint.method(), endpoint.endpoint(), path, headers, body,
                expect));
    }

    private static Map<String, String> jsonHeaders(String token) {
        return Map.of("Authorization", "Bearer " + token, "Content-Type", JSON_TYPE);
    }

    private static boolean isJson(byte[] body) {
        try {
            JSON.readTree(body);
            return body.length > 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void collectPaths(JsonNode node, String prefix, List<String> paths) {
        node.properties().forEach(entry -> {
            String path = prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey();
            paths.add(path);
            if (entry.getValue().isObject()) {
                collectPaths(entry.getValue(), path, paths);
            }
        });
    }

    private static JsonNode at(JsonNode root, String path) {
        JsonNode node = root;
        for (String part : path.split("\\.")) {
            node = node.get(part);
        }
        return node;
    }

    private static void set(ObjectNode root, String path, JsonNode value) {
        int dot = path.lastIndexOf('.');
        ObjectNode parent = dot < 0 ? root : (ObjectNode) at(root, path.substring(0, dot));
        parent.set(path.substring(dot + 1), value);
    }

    private byte[] insert(String text, int at, String inserted) {
        return utf8(text.substring(0, at) + inserted + text.substring(at));
    }

    private byte[] invalidUtf8(String valid) {
        byte[] bytes = utf8(valid);
        int quote = valid.indexOf("\": \"") + 4;
        bytes[Math.max(quote, 1)] = (byte) (0xC0 | random.nextInt(2));
        return bytes;
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private String letters(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) ('a' + random.nextInt(26)));
        }
        return text.toString();
    }

    /** Emoji, right-to-left text, combining marks and a zero-width joiner. */
    private String unicode(int length) {
        String[] pieces = {"😀", "👩‍👩‍👧", "مرحبا", "שלום", "é", "e\u0301", "\u200D", "\u202E", "漢字", "Ω", "\uFEFF"};
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(pieces[random.nextInt(pieces.length)]);
        }
        return text.toString();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
