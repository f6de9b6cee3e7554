package io.neoforge.platform.signup;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/** All SQL of idempotency keys. Each call commits on its own: a key must be visible to other requests at once. */
@ApplicationScoped
public class IdempotencyRepository {

    /** A remembered request; {@code status} is null while the first request is still running. */
    public record Entry(String requestHash, Integer status, String location, String body) {
        boolean completed() {
            return status != null;
        }
    }

    /** Well above the longest a signup can take (the Kubernetes client's 30 s request timeout, plus the database). */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);

    private final AgroalDataSource dataSource;

    public IdempotencyRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Forgets expired keys, then claims {@code key}; false when it is already held. */
    public boolean claim(String scope, String key, String requestHash, Duration retention) {
        try (Connection connection = dataSource.getConnection()) {
            // A key still without a response after ABANDONED_AFTER belongs to a process that died mid-request:
            // release it, or the client could never retry with it.
            try (PreparedStatement expire = connection.prepareStatement("DELETE FROM idempotency_key"
                    + " WHERE created_at < now() - make_interval(secs => ?)"
                    + " OR (response_status IS NULL AND created_at < now() - make_interval(secs => ?))")) {
                expire.setLong(1, retention.toSeconds());
                expire.setLong(2, ABANDONED_AFTER.toSeconds());
                expire.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO idempotency_key (scope, key, request_hash) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                insert.setString(1, scope);
                insert.setString(2, key);
                insert.setString(3, requestHash);
                return insert.executeUpdate() == 1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not claim an idempotency key", e);
        }
    }

    public Optional<Entry> find(String scope, String key) {
        String sql = "SELECT request_hash, response_status, response_location, response_body FROM idempotency_key"
                + " WHERE scope = ? AND key = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, scope);
            statement.setString(2, key);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(
                        new Entry(row.getString(1), (Integer) row.getObject(2), row.getString(3), row.getString(4)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read an idempotency key", e);
        }
    }

    public void complete(String scope, String key, int status, String location, String body) {
        String sql = "UPDATE idempotency_key SET response_status = ?, response_location = ?, response_body = ?"
                + " WHERE scope = ? AND key = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, status);
            statement.setString(2, location);
            statement.setString(3, body);
            statement.setString(4, scope);
            statement.setString(5, key);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not store an idempotent response", e);
        }
    }

    /** Lets the key be used again after its request failed. */
    public void release(String scope, String key) {
        String sql = "DELETE FROM idempotency_key WHERE scope = ? AND key = ? AND response_status IS NULL";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, scope);
            statement.setString(2, key);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not release an idempotency key", e);
        }
    }
}
