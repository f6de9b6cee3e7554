package io.neoforge.sandbox;

import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.HttpUrl;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.vertx.ServerWebSocketHandler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mock's web server with its Vert.x request handler replaced by one that can also stream: plain-HTTP watches
 * ({@code ?watch=true} without a WebSocket upgrade, as kubectl and client-go make them) are answered with a chunked
 * response that stays open. Everything else is dispatched as before (including the mock's WebSocket watches).
 */
class CompatWebServer extends MockWebServer {

    private static final Logger LOG = LoggerFactory.getLogger(CompatWebServer.class);
    private static final long DEFAULT_WATCH_TIMEOUT_SECONDS = 1800;

    private Vertx vertx;
    private HttpServer httpServer;
    private volatile Dispatcher dispatcher;
    private volatile int port = -1;
    private String hostName;
    private boolean started;

    @Override
    public void setDispatcher(Dispatcher dispatcher) {
        super.setDispatcher(dispatcher);
        this.dispatcher = dispatcher;
    }

    @Override
    public synchronized void start(InetAddress inetAddress, int port) {
        if (started) {
            throw new IllegalStateException("start() already called");
        }
        started = true;
        vertx = parentVertx();
        hostName = inetAddress.getHostAddress();
        HttpServerOptions options = new HttpServerOptions()
                .setHost(inetAddress.getHostAddress())
                .setPort(port)
                .setWebSocketSubProtocols(
                        List.of("v1.channel.k8s.io", "v2.channel.k8s.io", "v3.channel.k8s.io", "v4.channel.k8s.io"))
                .setHandle100ContinueAutomatically(true);
        httpServer = vertx.createHttpServer(options);
        httpServer.requestHandler(this::handle);
        this.port = await(httpServer.listen()).actualPort();
        LOG.debug("Sandbox API server listening on {}:{}", hostName, this.port);
    }

    private Vertx parentVertx() {
        try {
            Field f = MockWebServer.class.getDeclaredField("vertx");
            f.setAccessible(true);
            return (Vertx) f.get(this);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Vertx.vertx();
        }
    }

    private void handle(HttpServerRequest event) {
        Future<Buffer> body = hasBody(event) ? event.body() : Future.succeededFuture(null);
        body.onFailure(err -> {
            if (!event.response().headWritten()) {
                event.response()
                        .setStatusCode(500)
                        .setStatusMessage(String.valueOf(err.getMessage()))
                        .end();
            }
        });
        body.onSuccess(bodyBuffer -> {
            RecordedRequest request = new RecordedRequest(
                    event.version().alpnName().toUpperCase(Locale.ROOT),
                    HttpMethod.fromVertx(event.method()),
                    event.uri(),
                    Headers.builder().addAll(event.headers()).build(),
                    new io.fabric8.mockwebserver.http.Buffer(bodyBuffer == null ? null : bodyBuffer.getBytes()));
            Dispatcher d = dispatcher;
            if (d instanceof CompatDispatcher compat && CompatDispatcher.isHttpWatch(request)) {
                streamWatch(event, request, compat);
                return;
            }
            MockResponse response;
            try {
                response = d.dispatch(request);
            } catch (RuntimeException e) {
                LOG.warn("Dispatch failed for {}", request, e);
                response = new MockResponse().setResponseCode(500).setBody(String.valueOf(e));
            }
            if (response == null) {
                response = new MockResponse().setResponseCode(404);
            }
            if (response.getWebSocketListener() != null) {
                MockResponse ws = response;
                event.toWebSocket()
                        .onFailure(err -> {
                            if (!event.response().headWritten()) {
                                event.response().setStatusCode(500).end();
                            }
                        })
                        .onSuccess(new ServerWebSocketHandler(request, ws));
                return;
            }
            HttpServerResponse out = event.response();
            out.setStatusCode(response.code());
            response.getHeaders().toMultimap().forEach((k, v) -> out.headers().add(k, v));
            if (response.getBody() != null && response.getBody().size() > 0) {
                byte[] bytes = response.getBody().getBytes();
                out.headers().set("Content-Length", String.valueOf(bytes.length));
                out.end(Buffer.buffer(bytes));
            } else {
                out.end();
            }
        });
    }

    private void streamWatch(HttpServerRequest event, RecordedRequest request, CompatDispatcher compat) {
        HttpServerResponse out = event.response();
        Map<String, String> params = CompatDispatcher.queryParams(request.getPath());
        long timeout = DEFAULT_WATCH_TIMEOUT_SECONDS;
        try {
            timeout = Math.max(1, Long.parseLong(params.getOrDefault("timeoutSeconds", "" + timeout)));
        } catch (NumberFormatException ignored) {
            // default
        }
        AtomicBoolean open = new AtomicBoolean(true);
        out.setStatusCode(200)
                .setChunked(true)
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-cache, private");
        Runnable cancel;
        try {
            out.writeHead();
            cancel = compat.openHttpWatch(request, line -> {
                if (open.get()) {
                    out.write(line);
                }
            });
        } catch (ApiException e) {
            open.set(false);
            if (!out.headWritten()) {
                MockResponse r = CompatDispatcher.status(e);
                out.setChunked(false)
                        .setStatusCode(r.code())
                        .end(Buffer.buffer(r.getBody().getBytes()));
            } else {
                out.end();
            }
            return;
        }
        Runnable stop = () -> {
            if (open.compareAndSet(true, false)) {
                cancel.run();
            }
        };
        long timer = vertx.setTimer(TimeUnit.SECONDS.toMillis(timeout), id -> {
            stop.run();
            if (!out.ended() && !out.closed()) {
                out.end();
            }
        });
        out.closeHandler(v -> {
            stop.run();
            vertx.cancelTimer(timer);
        });
        out.exceptionHandler(err -> {
            stop.run();
            vertx.cancelTimer(timer);
        });
    }

    private static boolean hasBody(HttpServerRequest event) {
        String contentLength = event.headers().get("Content-Length");
        if (contentLength != null && !contentLength.isBlank() && Integer.parseInt(contentLength.trim()) > 0) {
            return true;
        }
        return event.headers().contains("Content-Type")
                || "chunked".equalsIgnoreCase(event.headers().get("Transfer-Encoding"));
    }

    @Override
    public synchronized void shutdown() {
        if (!started) {
            return;
        }
        started = false;
        Dispatcher d = dispatcher;
        if (d != null) {
            d.shutdown();
        }
        try {
            await(httpServer.close());
        } catch (RuntimeException e) {
            LOG.debug("closing the HTTP server: {}", e.toString());
        }
        try {
            await(vertx.close());
        } catch (RuntimeException e) {
            LOG.debug("closing Vert.x: {}", e.toString());
        }
    }

    @Override
    public int getPort() {
        if (port < 0) {
            throw new IllegalStateException("not started");
        }
        return port;
    }

    @Override
    public String getHostName() {
        return hostName;
    }

    @Override
    public Proxy toProxyAddress() {
        return new Proxy(Proxy.Type.HTTP, new InetSocketAddress(getHostName(), getPort()));
    }

    @Override
    public HttpUrl url(String path) {
        return HttpUrl.parse(
                "http://" + getHostName() + ":" + getPort() + "/" + (path.startsWith("/") ? path.substring(1) : path));
    }

    @Override
    public String toString() {
        return "SandboxApiServer[" + port + "]";
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("Sandbox API server: " + e.getMessage(), e);
        }
    }
}
