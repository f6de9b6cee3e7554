package io.neoforge.platform.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** All SQL of the audit log. */
@ApplicationScoped
public class AuditRepository {

    private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {};

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    public AuditRepository(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    public void insert(
            String actor,
            String action,
            String tenant,
            String requestId,
            String clientAddress,
            Map<String, Object> details) {
        String sql = "INSERT INTO audit_log (actor, action, tenant, request_id, client_address, details)"
                + " VALUES (?, ?, ?, ?, ?, ?::jsonb)";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, actor);
            statement.setString(2, action);
            statement.setString(3, tenant);
            statement.setString(4, requestId);
            statement.setString(5, clientAddress);
            statement.setString(6, json.writeValueAsString(details));
            statement.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("could not write the audit log", e);
        }
    }

    /** Newest first; only {@code tenant}'s when given. */
    public List<AuditEntry> list(Optional<String> tenant, int limit) {
        String sql = "SELECT id, occurred_at, actor, action, tenant, request_id, client_address, details::text"
                + " FROM audit_log WHERE (?::text IS NULL OR tenant = ?) ORDER BY id DESC LIMIT ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, tenant.orElse(null), Types.VARCHAR);
            statement.setObject(2, tenant.orElse(null), Types.VARCHAR);
            statement.setInt(3, limit);
            List<AuditEntry> entries = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    entries.add(new AuditEntry(
                            rows.getLong(1),
                            rows.getTimestamp(2).toInstant(),
                            rows.getString(3),
                            rows.getString(4),
                            rows.getString(5),
                            rows.getString(6),
                            rows.getString(7),
                            json.readValue(rows.getString(8), DETAILS)));
                }
            }
            return entries;
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("could not read the audit log", e);
        }
    }
}
