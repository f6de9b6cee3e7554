package io.neoforge.benchmarks;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The API server's request log, kept from the outside: a reverse proxy (HTTP/1.1 and WebSocket watches) in front of
 * the in-process API server. The operator (and the floor loop) talk to the proxy's URL; every request is counted by
 * verb and resource before it is forwarded, and by response status when the answer comes back. Nothing in the
 * operator or the sandbox knows it is there.
 */
final class CountingProxy implements AutoCloseable {

    static final Set<String> WRITE_VERBS = Set.of("create", "update", "patch", "delete");
    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection",
            "keep-alive",
            "proxy-authenticate",
            "proxy-authorization",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade",
            "host",
            "content-length");
    private static final Set<String> WS_HANDSHAKE = Set.of(
            "sec-websocket-key",
            "sec-websocket-version",
            "sec-websocket-extensions",
            "sec-websocket-accept",
            "sec-websocket-protocol");

    private final Vertx vertx;
    private final HttpClient client;
    private final HttpServer server;
    private final int targetPort;
    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final LongAdder writes = new LongAdder();
    /** Every write with its time, for the timeline of a phase. */
    private final java.util.concurrent.ConcurrentLinkedQueue<Object[]> writeLog =
            new java.util.concurrent.ConcurrentLinkedQueue<>();

    CountingProxy(int targetPort) {
        this.targetPort = targetPort;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setDefaultHost("127.0.0.1")
                .setDefaultPort(targetPort)
                .setKeepAlive(true)
                .setMaxPoolSize(256)
                .setMaxWebSockets(4096)
                .setMaxWebSocketFrameSize(64 * 1024 * 1024)
                .setMaxWebSocketMessageSize(256 * 1024 * 1024));
        this.server = vertx.createHttpServer(new HttpServerOptions()
                .setHost("127.0.0.1")
                .setPort(0)
                .setMaxWebSocketFrameSize(64 * 1024 * 1024)
                .setMaxWebSocketMessageSize(256 * 1024 * 1024)
                .setWebSocketSubProtocols(
                        List.of("v1.channel.k8s.io", "v2.channel.k8s.io", "v3.channel.k8s.io", "v4.channel.k8s.io"))
                .setHandle100ContinueAutomatically(true));
        server.requestHandler(this::handle);
        await(server.listen());
    }

    String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    /** Verb (create/update/patch/delete/get/list/watch) and resource (plural, with /subresource). */
    static String[] classify(String method, String uri) {
        String path = uri;
        String query = "";
        int q = uri.indexOf('?');
        if (q >= 0) {
            path = uri.substring(0, q);
            query = uri.substring(q + 1);
        }
        String[] parts = path.replaceAll("^/+", "").split("/");
        int start;
        if (parts.length >= 2 && parts[0].equals("api")) {
            start = 2;
        } else if (parts.length >= 3 && parts[0].equals("apis")) {
            start = 3;
        } else {
            return new String[] {method.toLowerCase(Locale.ROOT), path};
        }
        String plural = null;
        String name = null;
        String sub = null;
        int rest = parts.length - start;
        if (rest >= 3 && parts[start].equals("namespaces")) {
            plural = parts[start + 2];
            name = rest >= 4 ? parts[start + 3] : null;
            sub = rest >= 5 ? parts[start + 4] : null;
        } else if (rest >= 1) {
            plural = parts[start];
            name = rest >= 2 ? parts[start + 1] : null;
            sub = rest >= 3 ? parts[start + 2] : null;
        } else {
            plural = "(discovery)";
        }
        String verb = switch (method.toUpperCase(Locale.ROOT)) {
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> "delete";
            default ->
                query.contains("watch=true") || query.contains("watch=1") ? "watch" : name == null ? "list" : "get";
        };
        return new String[] {verb, plural + (sub == null ? "" : "/" + sub)};
    }

    private void handle(HttpServerRequest req) {
        String[] c = classify(req.method().name(), req.uri());
        requests.computeIfAbsent(c[0] + " " + c[1], k -> new LongAdder()).increment();
        boolean write = WRITE_VERBS.contains(c[0]);
        if (write) {
            writes.increment();
            writeLog.add(new Object[] {System.nanoTime(), c[0] + " " + c[1]});
        }
        String upgrade = req.headers().get(HttpHeaders.UPGRADE);
        if (upgrade != null && upgrade.equalsIgnoreCase("websocket")) {
            proxyWebSocket(req);
            return;
        }
        req.pause();
        RequestOptions options = new RequestOptions()
                .setMethod(req.method())
                .setURI(req.uri())
                .setHost("127.0.0.1")
                .setPort(targetPort)
                .setHeaders(copy(req.headers(), false));
        client.request(options).onFailure(err -> fail(req, err)).onSuccess(back -> {
            back.response().onFailure(err -> fail(req, err)).onSuccess(answer -> {
                if (write && answer.statusCode() >= 300) {
                    failures.computeIfAbsent(c[0] + " " + c[1] + " -> " + answer.statusCode(), k -> new LongAdder())
                            .increment();
                }
                HttpServerResponse out = req.response();
                out.setStatusCode(answer.statusCode());
                out.headers().addAll(copy(answer.headers(), false));
                String length = answer.getHeader(HttpHeaders.CONTENT_LENGTH);
                if (length != null) {
                    out.putHeader(HttpHeaders.CONTENT_LENGTH, length);
                } else {
                    out.setChunked(true);
                }
                answer.pipeTo(out);
            });
            String length = req.getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null) {
                back.putHeader(HttpHeaders.CONTENT_LENGTH, length);
            } else if ("chunked".equalsIgnoreCase(req.getHeader(HttpHeaders.TRANSFER_ENCODING))) {
                back.setChunked(true);
            }
            req.pipeTo(back);
        });
    }

    private void proxyWebSocket(HttpServerRequest req) {
        req.pause();
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost("127.0.0.1")
                .setPort(targetPort)
                .setURI(req.uri())
                .setHeaders(copy(req.headers(), true));
        String protocols = req.getHeader("Sec-WebSocket-Protocol");
        if (protocols != null) {
            for (String p : protocols.split(",")) {
                options.addSubProtocol(p.trim());
            }
        }
        client.webSocket(options).onFailure(err -> fail(req, err)).onSuccess((WebSocket back) -> {
            req.toWebSocket().onFailure(err -> back.close()).onSuccess((ServerWebSocket front) -> {
                front.frameHandler(back::writeFrame);
                back.frameHandler(front::writeFrame);
                front.closeHandler(v -> back.close());
                back.closeHandler(v -> front.close());
                front.exceptionHandler(e -> back.close());
                back.exceptionHandler(e -> front.close());
            });
        });
    }

    private static void fail(HttpServerRequest req, Throwable err) {
        if (!req.response().headWritten()) {
            req.response().setStatusCode(502).end(String.valueOf(err.getMessage()));
        }
    }

    private static MultiMap copy(MultiMap headers, boolean dropWebSocketHandshake) {
        MultiMap out = MultiMap.caseInsensitiveMultiMap();
        headers.forEach(e -> {
            String k = e.getKey().toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(k) && !(dropWebSocketHandshake && WS_HANDSHAKE.contains(k))) {
                out.add(e.getKey(), e.getValue());
            }
        });
        return out;
    }

    /** Requests so far, "verb resource" to count. */
    Map<String, Long> snapshot() {
        Map<String, Long> m = new TreeMap<>();
        requests.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    Map<String, Long> failureSnapshot() {
        Map<String, Long> m = new TreeMap<>();
        failures.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    /**
     * For every kind of write since {@code t0}: count, first and last time (seconds after t0), and the time by which
     * half of them had happened.
     */
    Map<String, String> timeline(long t0) {
        Map<String, List<Long>> byKey = new TreeMap<>();
        for (Object[] e : writeLog) {
            long t = (Long) e[0];
            if (t >= t0) {
                byKey.computeIfAbsent((String) e[1], k -> new java.util.ArrayList<>())
                        .add(t - t0);
            }
        }
        Map<String, String> m = new TreeMap<>();
        byKey.forEach((k, v) -> {
            java.util.Collections.sort(v);
            m.put(
                    k,
                    String.format(
                            "%d writes, first %.2f s, half by %.2f s, last %.2f s",
                            v.size(), v.get(0) / 1e9, v.get((v.size() - 1) / 2) / 1e9, v.get(v.size() - 1) / 1e9));
        });
        return m;
    }

    long writes() {
        return writes.sum();
    }

    static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> d = new TreeMap<>();
        after.forEach((k, v) -> {
            long x = v - before.getOrDefault(k, 0L);
            if (x != 0) {
                d.put(k, x);
            }
        });
        return d;
    }

    static long writesIn(Map<String, Long> counts) {
        return counts.entrySet().stream()
                .filter(e -> WRITE_VERBS.contains(e.getKey().split(" ", 2)[0]))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    static Map<String, Long> writesOnly(Map<String, Long> counts) {
        Map<String, Long> m = new TreeMap<>();
        counts.forEach((k, v) -> {
            if (WRITE_VERBS.contains(k.split(" ", 2)[0])) {
                m.put(k, v);
            }
        });
        return m;
    }

    @Override
    public void close() {
        try {
            await(server.close());
        } catch (RuntimeException ignored) {
            // closing anyway
        }
        try {
            await(vertx.close());
        } catch (RuntimeException ignored) {
            // closing anyway
        }
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
