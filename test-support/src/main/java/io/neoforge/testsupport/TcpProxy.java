package io.neoforge.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy in front of a server (PostgreSQL, embedded or external), so a test can cut the network
 * ({@link #cut()}: no listener, every live connection closed, new ones refused) and {@link #restore()} it on the
 * same port. Two threads per connection; at most {@value #MAX_CONNECTIONS} connections (more are closed at once).
 */
public final class TcpProxy implements AutoCloseable {

    static final int MAX_CONNECTIONS = 64;

    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Semaphore slots = new Semaphore(MAX_CONNECTIONS);
    private final ExecutorService threads;
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile ServerSocket listener;
    private volatile int port;
    private volatile boolean closed;

    private TcpProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "tcp-proxy-" + targetPort + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.threads = Executors.newCachedThreadPool(factory);
    }

    /** Starts a proxy on a free loopback port forwarding to {@code targetHost:targetPort}. */
    public static TcpProxy start(String targetHost, int targetPort) {
        TcpProxy proxy = new TcpProxy(targetHost, targetPort);
        proxy.listen(0);
        return proxy;
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    /** How many client connections were accepted so far. */
    public int acceptedConnections() {
        return accepted.get();
    }

    public synchronized boolean isCut() {
        return listener == null;
    }

    /** Simulates an outage: stops listening (connections are refused) and closes every live connection. */
    public synchronized void cut() {
        ServerSocket l = listener;
        listener = null;
        closeQuietly(l);
        for (Socket s : sockets) {
            closeQuietly(s);
        }
        sockets.clear();
    }

    /** Ends the outage: listens again on the same port. */
    public synchronized void restore() {
        if (closed) {
            throw new IllegalStateException("proxy closed");
        }
        if (listener == null) {
            listen(port);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        cut();
        threads.shutdownNow();
    }

    private void listen(int onPort) {
        try {
            ServerSocket l = new ServerSocket();
            l.setReuseAddress(true);
            l.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 50);
            listener = l;
            port = l.getLocalPort();
            threads.execute(() -> acceptLoop(l));
        } catch (IOException e) {
            throw new IllegalStateException("proxy cannot listen on 127.0.0.1:" + onPort, e);
        }
    }

    private void acceptLoop(ServerSocket l) {
        while (!l.isClosed()) {
            Socket client;
            try {
                client = l.accept();
            } catch (IOException e) {
                return; // cut() or close()
            }
            accepted.incrementAndGet();
            if (!slots.tryAcquire()) {
                closeQuietly(client);
                continue;
            }
            try {
                handle(client);
            } catch (RuntimeException e) {
                slots.release();
                closeQuietly(client);
            }
        }
    }

    private void handle(Socket client) {
        sockets.add(client);
        threads.execute(() -> {
            Socket upstream = new Socket();
            try {
                upstream.connect(new InetSocketAddress(targetHost, targetPort), 5000);
                upstream.setTcpNoDelay(true);
                client.setTcpNoDelay(true);
                sockets.add(upstream);
                if (listener == null) { // cut while connecting
                    return;
                }
                Socket up = upstream;
                var reverse = threads.submit(() -> pump(up, client));
                pump(client, upstream);
                reverse.get();
            } catch (Exception e) {
                // closed either way below
            } finally {
                closeQuietly(client);
                closeQuietly(upstream);
                sockets.remove(client);
                sockets.remove(upstream);
                slots.release();
            }
        });
    }

    /** Copies until either side ends, then closes both (a half-close is not worth modelling here). */
    private static void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // connection ended
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                // ignore
            }
        }
    }
}
