package io.neoforge.benchmarks;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The floor's connection pool: at most {@code size} connections (the operator's quarkus.datasource.jdbc.max-size),
 * opened lazily (min-size 0), validated on borrow as the operator's Agroal pool does (validate-on-borrow). A borrower
 * waits up to 60 s (the operator's acquisition-timeout is 6 s, after which its reconciliation fails and is retried with
 * backoff; the floor has no retries, so it waits instead). Nothing else: no background validation, no leak detection.
 */
final class SimplePool implements DataSource, AutoCloseable {
    private final String url;
    private final String user;
    private final String password;
    private final Semaphore permits;
    private final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();

    SimplePool(String url, String user, String password, int size) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.permits = new Semaphore(size, true);
    }

    @Override
    public Connection getConnection() throws SQLException {
        try {
            if (!permits.tryAcquire(60, TimeUnit.SECONDS)) {
                throw new SQLException("acquisition timeout", "08001");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted", "08001");
        }
        try {
            Connection real = idle.poll();
            while (real != null && !real.isValid(3)) {
                real.close();
                real = idle.poll();
            }
            if (real == null) {
                real = DriverManager.getConnection(url, user, password);
            }
            return wrap(real);
        } catch (SQLException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    private Connection wrap(Connection real) {
        boolean[] closed = {false};
        return (Connection) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        if (!closed[0]) {
                            closed[0] = true;
                            if (!real.isClosed()) {
                                if (!real.getAutoCommit()) {
                                    real.rollback();
                                    real.setAutoCommit(true);
                                }
                                idle.add(real);
                            }
                            permits.release();
                        }
                        return null;
                    }
                    if (method.getName().equals("isClosed")) {
                        return closed[0] || real.isClosed();
                    }
                    if (method.getName().equals("unwrap")
                            && args != null
                            && args[0] instanceof Class<?> c
                            && c.isInstance(real)) {
                        return real;
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() {
        return Logger.getGlobal();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }

    @Override
    public void close() {
        Connection c;
        while ((c = idle.poll()) != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing
            }
        }
    }
}
