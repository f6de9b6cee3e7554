package io.neoforge.operator.database;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.postgresql.Driver;
import org.postgresql.util.PasswordUtil;

import io.agroal.api.AgroalDataSource;
import io.neoforge.api.v1alpha1.tenant.TenantNames;
import io.neoforge.operator.config.NeoforgeConfig;

/**
 * The tenants' PostgreSQL: one role and one schema per tenant, private to it. Every SQL statement of the
 * operator lives in this package.
 *
 * <p>
 * Identifiers reach SQL only when they come from {@link TenantNames}-validated names (or are the operator's
 * own constants, or the server's database name) and always through {@link #quote(String)}; values go through
 * bind parameters; passwords only as a client-side SCRAM verifier ({@link PasswordUtil#genAlterUserPasswordSQL}).
 *
 * <p>
 * No connection is opened at construction: the operator starts while PostgreSQL is down. Failures surface as
 * {@link DatabaseUnavailableException} (server unreachable: retry later) or {@link DatabaseOperationException}.
 */
@ApplicationScoped
public class TenantDatabaseService {

    /** Key of the transaction-level advisory lock that serialises the operator's DDL (one key per purpose). */
    static final long DDL_LOCK = 0x4e_46_5f_44_44_4c_00_01L;

    static final String OPERATOR_SCHEMA = "neoforge_operator";
    /**
     * The group role through which every tenant role may connect to the database. One grant on the database for
     * all tenants: a grant per tenant rewrote the database's ACL (which grew with every tenant) under the DDL lock.
     */
    static final String TENANT_GROUP = "neoforge_tenants";
    /**
     * Whether the role named by the parameter lends its members nothing but what the operator grants it: no login,
     * no privileged attribute, no membership in other roles. No row when the role does not exist.
     */
    private static final String GROUP_IS_HARMLESS = "SELECT NOT (g.rolsuper OR g.rolreplication OR g.rolbypassrls"
            + " OR g.rolcreaterole OR g.rolcreatedb OR g.rolcanlogin)"
            + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_auth_members m WHERE m.member = g.oid)"
            + " FROM pg_catalog.pg_roles g WHERE g.rolname = ?";
    static final String DELETIONS_TABLE = "tenant_deletions";

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final Pattern PASSWORD_IN_TEXT = Pattern.compile("(?i)(password=)[^&;\\s]*");
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private DataSource dataSource;
    private volatile String jdbcUrl;
    private String tenantHostOverride;
    private Integer tenantPortOverride;
    private volatile boolean deletionsTableReady;
    private volatile boolean tenantGroupReady;

    /** CDI: the default datasource; tenant host/port overrides from {@code neoforge.database.*}. */
    @Inject
    public TenantDatabaseService(AgroalDataSource dataSource, NeoforgeConfig config) {
        this(dataSource, jdbcUrlOf(dataSource));
        setTenantEndpointOverride(config.database().tenantHost().orElse(null),
                config.database().tenantPort().orElse(null));
    }

    /** For plain tests and tools: the JDBC URL is read from the first connection when {@link #endpoint()} needs it. */
    public TenantDatabaseService(DataSource dataSource) {
        this(dataSource, null);
    }

    /** @param jdbcUrlOrNull the datasource's JDBC URL (for {@link #endpoint()} and messages); null to ask a connection */
    public TenantDatabaseService(DataSource dataSource, String jdbcUrlOrNull) {
        if (dataSource == null) {
            throw new IllegalArgumentException("dataSource is required");
        }
        this.dataSource = dataSource;
        this.jdbcUrl = jdbcUrlOrNull;
    }

    /** Host and port written into tenants' credentials when they differ from the operator's (null: the operator's). */
    public void setTenantEndpointOverride(String tenantHostOrNull, Integer tenantPortOrNull) {
        if (tenantPortOrNull != null && (tenantPortOrNull < 1 || tenantPortOrNull > 65535)) {
            throw new IllegalArgumentException("neoforge.database.tenant-port must be 1..65535, was " + tenantPortOrNull);
        }
        this.tenantHostOverride = tenantHostOrNull == null || tenantHostOrNull.isBlank() ? null : tenantHostOrNull.trim();
        this.tenantPortOverride = tenantPortOrNull;
    }

    // ------------------------------------------------------------------------------------------------ tenants

    /**
     * Makes the tenant's role and schema what {@code desired} says. Idempotent; one transaction (the sessions of
     * a role whose login is disabled are terminated right after it commits).
     */
    public void apply(TenantDatabase desired) {
        try {
            ensureTenantGroup();
            applyTenant(desired);
        } catch (RuntimeException e) {
            tenantGroupReady = false; // check the group again next time: it may be what failed
            throw e;
        }
    }

    private void applyTenant(TenantDatabase desired) {
        String role = quote(TenantNames.databaseIdentifier(desired.tenant()));
        String schema = quote(desired.schema());
        String roleName = desired.role();
        // Without the DDL lock: nothing below writes a catalog row that another tenant's apply writes too.
        unlocked("apply the database of tenant " + desired.tenant(), c -> {
            Catalog seen = catalog(c, roleName, desired.schema());
            if (seen.privilegedRole()) {
                throw privilegedRoleRefused(roleName, desired.tenant());
            }
            if (!seen.groupHarmless()) {
                throw groupRefused(seen.database());
            }
            // Everything below goes to the server in one round trip (a JDBC batch).
            List<String> ddl = new ArrayList<>();
            String login = desired.loginEnabled() ? "LOGIN" : "NOLOGIN";
            if (seen.roleExists()) {
                ddl.add("ALTER ROLE " + role + " WITH " + login + " CONNECTION LIMIT " + desired.connectionLimit());
            } else {
                ddl.add("CREATE ROLE " + role + " WITH " + login + " NOSUPERUSER NOCREATEDB NOCREATEROLE"
                        + " NOREPLICATION NOBYPASSRLS INHERIT CONNECTION LIMIT " + desired.connectionLimit());
            }
            // Client-side SCRAM: only the verifier travels and reaches the server's logs.
            ddl.add(PasswordUtil.genAlterUserPasswordSQL(roleName, desired.password().toCharArray(), "scram-sha-256"));

            if (seen.schemaOwner() == null) {
                ddl.add("CREATE SCHEMA " + schema + " AUTHORIZATION " + role);
            } else if (!seen.schemaOwner().equals(roleName)) {
                // a retained schema re-adopted by a new tenant of the same name, or a schema someone took over
                ddl.add("ALTER SCHEMA " + schema + " OWNER TO " + role);
            }
            ddl.add("REVOKE ALL ON SCHEMA " + schema + " FROM PUBLIC");

            if (!seen.memberOfGroup()) {
                // CONNECT through the group; PostgreSQL 16+ can also keep the tenant from acting as the group
                ddl.add("GRANT " + quote(TENANT_GROUP) + " TO " + role
                        + (seen.serverVersion() >= 160000 ? " WITH INHERIT TRUE, SET FALSE" : ""));
            }
            if (seen.directDatabaseGrant()) {
                // granted directly by an operator before the group existed: the database's ACL is shared by
                // every tenant, so this one statement takes the DDL lock
                lockDdl(c);
                ddl.add("REVOKE ALL ON DATABASE " + quote(seen.database()) + " FROM " + role);
            }
            ddl.add("ALTER ROLE " + role + " SET search_path = " + schema);

            // Objects the tenant creates later stay private: per schema, and globally for what PostgreSQL grants
            // to PUBLIC by default (EXECUTE on functions, USAGE on types).
            for (String kind : new String[] { "TABLES", "SEQUENCES", "FUNCTIONS", "TYPES" }) {
                ddl.add("ALTER DEFAULT PRIVILEGES FOR ROLE " + role + " IN SCHEMA " + schema
                        + " REVOKE ALL ON " + kind + " FROM PUBLIC");
            }
            ddl.add("ALTER DEFAULT PRIVILEGES FOR ROLE " + role + " REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC");
            ddl.add("ALTER DEFAULT PRIVILEGES FOR ROLE " + role + " REVOKE USAGE ON TYPES FROM PUBLIC");
            executeBatch(c, ddl);
            return null;
        }, c -> {
            if (!desired.loginEnabled()) {
                terminateSessions(c, roleName);
            }
        });
    }

    /**
     * The database-wide part, once per operator process (and again after a failed apply): the tenant group with
     * CONNECT, PUBLIC without it, no CREATE in schema public. These write rows every tenant shares, so they hold the
     * DDL lock.
     */
    private void ensureTenantGroup() {
        if (tenantGroupReady) {
            return;
        }
        inTransaction("prepare the tenant group role " + TENANT_GROUP, c -> {
            String group = quote(TENANT_GROUP);
            Boolean harmless = null;
            try (PreparedStatement ps = c.prepareStatement(GROUP_IS_HARMLESS)) {
                ps.setString(1, TENANT_GROUP);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        harmless = rs.getBoolean(1);
                    }
                }
            }
            String databaseName = currentDatabase(c);
            if (Boolean.FALSE.equals(harmless)) {
                throw groupRefused(databaseName);
            }
            String database = quote(databaseName);
            List<String> ddl = new ArrayList<>();
            if (harmless == null) {
                ddl.add("CREATE ROLE " + group + " WITH NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION"
                        + " NOBYPASSRLS NOINHERIT");
            }
            ddl.add("REVOKE ALL ON DATABASE " + database + " FROM PUBLIC");
            ddl.add("GRANT CONNECT ON DATABASE " + database + " TO " + group);
            if (schemaOwner(c, "public") != null) {
                ddl.add("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
            }
            executeBatch(c, ddl);
            return null;
        }, c -> {
        });
        tenantGroupReady = true;
    }

    private static DatabaseOperationException groupRefused(String database) {
        return new DatabaseOperationException("refusing to use role " + TENANT_GROUP + " as the tenants' group: it"
                + " can log in, has privileged attributes or is a member of other roles, so every tenant would get"
                + " them; the operator only grants it CONNECT on database " + database + ". Make it a plain NOLOGIN"
                + " role without memberships, or drop it and the operator creates it", null, null);
    }

    /** Sets the tenant's role NOLOGIN and ends its sessions; schema and data stay. No-op when there is no role. */
    public void disableLogin(String tenant) {
        String roleName = TenantNames.databaseIdentifier(tenant);
        String role = quote(roleName);
        inTransaction("disable database login of tenant " + tenant, c -> {
            if (!roleExists(c, roleName)) {
                return false;
            }
            refusePrivilegedRole(c, roleName, tenant);
            execute(c, "ALTER ROLE " + role + " WITH NOLOGIN");
            return true;
        }, c -> terminateSessions(c, roleName));
    }

    /** Ends the tenant's sessions, drops its schema (with its data) and its role. Idempotent. */
    public void drop(String tenant) {
        String roleName = TenantNames.databaseIdentifier(tenant);
        String role = quote(roleName);
        String schema = quote(roleName);
        // first keep the role from logging in again, then end its sessions, then drop
        disableLogin(tenant);
        inTransaction("drop the database of tenant " + tenant, c -> {
            if (roleExists(c, roleName)) {
                refusePrivilegedRole(c, roleName, tenant);
            }
            execute(c, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            if (roleExists(c, roleName)) {
                execute(c, "REVOKE ALL ON DATABASE " + quote(currentDatabase(c)) + " FROM " + role);
                // default privileges and grants in this database, and whatever else it still owns here
                execute(c, "DROP OWNED BY " + role + " CASCADE");
                execute(c, "DROP ROLE IF EXISTS " + role);
            }
            return null;
        }, c -> {
        });
    }

    /** Whether the tenant's role or schema exists (a retained database a new tenant of that name re-adopts). */
    public boolean exists(String tenant) {
        String name = TenantNames.databaseIdentifier(tenant);
        return unlocked("look up the database of tenant " + tenant, c -> roleExists(c, name) || schemaOwner(c, name) != null);
    }

    // ------------------------------------------------------------------------------------------------ budget

    /** How many tenant deletions were recorded at or after {@code since} (the deletion budget). */
    public int deletionsSince(Instant since) {
        if (since == null) {
            throw new IllegalArgumentException("since is required");
        }
        return withDeletionsTable("count recent tenant deletions", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + quote(OPERATOR_SCHEMA) + "."
                    + quote(DELETIONS_TABLE) + " WHERE deleted_at >= ?")) {
                ps.setObject(1, OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /** Records that a tenant was deleted now (persisted: an operator restart cannot reset the budget). */
    /**
     * Records one deletion of a tenant. Idempotent per tenant uid, so a cleanup that is retried after
     * its finalizer removal failed counts once.
     */
    public void recordDeletion(String tenant, String uid) {
        if (!TenantNames.isValid(tenant)) {
            throw new IllegalArgumentException("not a valid tenant name: " + tenant);
        }
        withDeletionsTable("record the deletion of tenant " + tenant, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + quote(OPERATOR_SCHEMA) + "."
                    + quote(DELETIONS_TABLE) + " (tenant, uid, deleted_at) VALUES (?, ?, now()) ON CONFLICT (uid) DO NOTHING")) {
                ps.setString(1, tenant);
                ps.setString(2, uid);
                ps.executeUpdate();
            }
            return null;
        });
    }

    // ------------------------------------------------------------------------------------------------ endpoint

    /** Where tenants connect: the operator's own JDBC URL, with the configured host/port overrides. */
    public DatabaseEndpoint endpoint() {
        String url = jdbcUrl;
        if (url == null) {
            url = unlocked("read the JDBC URL", c -> c.getMetaData().getURL());
            jdbcUrl = url;
        }
        DatabaseEndpoint own = parseJdbcUrl(url);
        return new DatabaseEndpoint(tenantHostOverride != null ? tenantHostOverride : own.host(),
                tenantPortOverride != null ? tenantPortOverride : own.port(), own.database());
    }

    /** Host, port and database of a PostgreSQL JDBC URL (the first host of a multi-host URL). */
    static DatabaseEndpoint parseJdbcUrl(String url) {
        Properties props = url == null ? null : Driver.parseURL(url, new Properties());
        if (props == null) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + redact(String.valueOf(url)));
        }
        String host = firstOf(props.getProperty("PGHOST", "localhost"));
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        String port = firstOf(props.getProperty("PGPORT", "5432"));
        String database = props.getProperty("PGDBNAME", "");
        return new DatabaseEndpoint(host, port.isEmpty() ? 5432 : Integer.parseInt(port), database);
    }

    // ------------------------------------------------------------------------------------------------ SQL helpers

    /**
     * The one way an identifier reaches SQL text: double-quoted, and only when it is a plain identifier (letters,
     * digits, underscore; at most 63 characters). Anything else is refused before it reaches the server.
     */
    static String quote(String identifier) {
        if (identifier == null || !IDENTIFIER.matcher(identifier).matches()) {
            throw new IllegalArgumentException("refusing to use " + (identifier == null ? "null" : "'" + identifier + "'")
                    + " as an SQL identifier: only letters, digits and '_' are allowed");
        }
        return '"' + identifier + '"';
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static boolean roleExists(Connection c, String role) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = ?")) {
            ps.setString(1, role);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * A role of the tenant's name that is a superuser (or replicates, or bypasses row security) was not made by
     * the operator: handing its password to the tenant's app would give the tenant the whole server.
     */
    private static void refusePrivilegedRole(Connection c, String role, String tenant) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT rolsuper OR rolreplication OR rolbypassrls"
                + " FROM pg_catalog.pg_roles WHERE rolname = ?")) {
            ps.setString(1, role);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getBoolean(1)) {
                    throw privilegedRoleRefused(role, tenant);
                }
            }
        }
    }

    private static DatabaseOperationException privilegedRoleRefused(String role, String tenant) {
        return new DatabaseOperationException("refusing to adopt role " + role + " for tenant " + tenant
                + ": it is a superuser, a replication role or bypasses row-level security, so it was not"
                + " created by the operator and the operator leaves it alone; rename or drop it by hand", null, null);
    }

    /** Owner of the schema, or null when it does not exist. */
    private static String schemaOwner(Connection c, String schema) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT pg_catalog.pg_get_userbyid(nspowner) FROM pg_catalog.pg_namespace WHERE nspname = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** What apply needs to know of the server, read in one query. */
    private record Catalog(boolean roleExists, boolean privilegedRole, String schemaOwner, boolean memberOfGroup,
            boolean directDatabaseGrant, boolean groupHarmless, int serverVersion, String database) {
    }

    private static Catalog catalog(Connection c, String role, String schema) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT r.rolname IS NOT NULL,"
                + " coalesce(r.rolsuper OR r.rolreplication OR r.rolbypassrls, false),"
                + " (SELECT pg_catalog.pg_get_userbyid(nspowner) FROM pg_catalog.pg_namespace WHERE nspname = ?),"
                + " EXISTS (SELECT 1 FROM pg_catalog.pg_auth_members m JOIN pg_catalog.pg_roles g ON g.oid = m.roleid"
                + "   WHERE g.rolname = ? AND m.member = r.oid),"
                + " EXISTS (SELECT 1 FROM pg_catalog.pg_database d, pg_catalog.aclexplode(d.datacl) a"
                + "   WHERE d.datname = pg_catalog.current_database() AND a.grantee = r.oid),"
                + " coalesce((" + GROUP_IS_HARMLESS + "), false),"
                + " pg_catalog.current_setting('server_version_num')::int,"
                + " pg_catalog.current_database()"
                + " FROM (SELECT 1) AS one LEFT JOIN pg_catalog.pg_roles r ON r.rolname = ?")) {
            ps.setString(1, schema);
            ps.setString(2, TENANT_GROUP);
            ps.setString(3, TENANT_GROUP);
            ps.setString(4, role);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Catalog(rs.getBoolean(1), rs.getBoolean(2), rs.getString(3), rs.getBoolean(4),
                        rs.getBoolean(5), rs.getBoolean(6), rs.getInt(7), rs.getString(8));
            }
        }
    }

    /**
     * One round trip for many statements. A failure is reported by the server's own error, not by pgjdbc's batch
     * message, which quotes the failed statement (and with it the password verifier).
     */
    private static void executeBatch(Connection c, List<String> statements) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.addBatch(sql);
            }
            st.executeBatch();
        } catch (BatchUpdateException e) {
            SQLException cause = e.getNextException();
            throw cause != null ? cause : new SQLException("a batch of " + statements.size() + " statements failed",
                    e.getSQLState());
        }
    }

    private static String currentDatabase(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT current_database()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void terminateSessions(Connection c, String role) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(pg_catalog.pg_terminate_backend(pid))"
                + " FROM pg_catalog.pg_stat_activity WHERE usename = ? AND pid <> pg_catalog.pg_backend_pid()")) {
            ps.setString(1, role);
            ps.executeQuery().close();
        }
    }

    private <T> T withDeletionsTable(String action, SqlWork<T> work) {
        if (!deletionsTableReady) {
            inTransaction("create " + OPERATOR_SCHEMA + "." + DELETIONS_TABLE, c -> {
                String schema = quote(OPERATOR_SCHEMA);
                execute(c, "CREATE SCHEMA IF NOT EXISTS " + schema);
                execute(c, "REVOKE ALL ON SCHEMA " + schema + " FROM PUBLIC");
                execute(c, "CREATE TABLE IF NOT EXISTS " + schema + "." + quote(DELETIONS_TABLE)
                        + " (tenant text NOT NULL, uid text NOT NULL UNIQUE, deleted_at timestamptz NOT NULL DEFAULT now())");
                execute(c, "CREATE INDEX IF NOT EXISTS " + quote(DELETIONS_TABLE + "_deleted_at") + " ON " + schema + "."
                        + quote(DELETIONS_TABLE) + " (deleted_at)");
                return null;
            }, c -> {
            });
            deletionsTableReady = true;
        }
        try {
            return unlocked(action, work);
        } catch (DatabaseOperationException e) {
            if ("42P01".equals(e.sqlState()) || "3F000".equals(e.sqlState())) {
                deletionsTableReady = false; // dropped behind our back: create it again next time
            }
            throw e;
        }
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    @FunctionalInterface
    interface AfterCommit {
        void run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction holding the operator's DDL lock (concurrent GRANTs on the database row
     * would fail with "tuple concurrently updated"), with lock and statement timeouts so a tenant's long
     * transaction cannot hang the operator; then {@code afterCommit} on the same connection, outside it.
     */
    private <T> T inTransaction(String action, SqlWork<T> work, AfterCommit afterCommit) {
        return inTransaction(action, true, work, afterCommit);
    }

    /** Reads, the deletion budget and a tenant's own objects: same timeouts, no DDL lock. */
    private <T> T unlocked(String action, SqlWork<T> work) {
        return unlocked(action, work, c -> {
        });
    }

    private <T> T unlocked(String action, SqlWork<T> work, AfterCommit afterCommit) {
        return inTransaction(action, false, work, afterCommit);
    }

    /** The operator's DDL lock, held until the transaction ends. */
    private static void lockDdl(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_catalog.pg_advisory_xact_lock(?)")) {
            ps.setLong(1, DDL_LOCK);
            ps.executeQuery().close();
        }
    }

    private <T> T inTransaction(String action, boolean ddlLock, SqlWork<T> work, AfterCommit afterCommit) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            T result;
            c.setAutoCommit(false);
            try {
                execute(c, "SET LOCAL lock_timeout = '10s'; SET LOCAL statement_timeout = '25s'");
                if (ddlLock) {
                    lockDdl(c);
                }
                result = work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            } finally {
                try {
                    c.setAutoCommit(autoCommit);
                } catch (SQLException ignored) {
                    // a broken connection; the pool discards it
                }
            }
            afterCommit.run(c);
            return result;
        } catch (SQLException e) {
            throw translate(action, e);
        }
    }

    private RuntimeException translate(String action, SQLException e) {
        String state = sqlStateOf(e);
        String detail = redact(rootMessage(e));
        if (isUnavailable(e)) {
            return new DatabaseUnavailableException("PostgreSQL " + where() + " is unavailable, could not " + action
                    + ": " + detail + (state == null ? "" : " (SQLState " + state + ")")
                    + ". Check that the server is running and reachable from the operator (quarkus.datasource.jdbc.url);"
                    + " the operator retries.", e);
        }
        return new DatabaseOperationException("could not " + action + " on PostgreSQL " + where() + ": " + detail
                + " (SQLState " + state + ")", state, e);
    }

    private String where() {
        String url = jdbcUrl;
        if (url == null) {
            return "(datasource)";
        }
        try {
            DatabaseEndpoint own = parseJdbcUrl(url);
            return "at " + own.describe();
        } catch (RuntimeException e) {
            return "(datasource)";
        }
    }

    static boolean isUnavailable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    String state = s.getSQLState();
                    if (state != null && (state.startsWith("08") || UNAVAILABLE_STATES.contains(state))) {
                        return true;
                    }
                    if (s instanceof SQLTransientConnectionException || s instanceof SQLNonTransientConnectionException) {
                        return true;
                    }
                    String message = s.getMessage();
                    if (message != null && message.toLowerCase().contains("acquisition timeout")) {
                        return true; // Agroal: pool exhausted or no connection could be made in time
                    }
                }
            }
            if (t instanceof ConnectException || t instanceof SocketTimeoutException
                    || t instanceof NoRouteToHostException || t instanceof UnknownHostException
                    || t instanceof EOFException) {
                return true;
            }
        }
        return false;
    }

    private static String sqlStateOf(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                return s.getSQLState();
            }
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        String message = e.getMessage();
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t.getMessage() != null && (message == null || !message.contains(t.getMessage()))) {
                message = (message == null ? "" : message + ": ") + t.getMessage();
            }
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }

    static String redact(String text) {
        return text == null ? null : PASSWORD_IN_TEXT.matcher(text).replaceAll("$1***");
    }

    private static String firstOf(String commaSeparated) {
        int comma = commaSeparated.indexOf(',');
        return (comma < 0 ? commaSeparated : commaSeparated.substring(0, comma)).trim();
    }

    private static String jdbcUrlOf(AgroalDataSource dataSource) {
        try {
            return dataSource.getConfiguration().connectionPoolConfiguration().connectionFactoryConfiguration().jdbcUrl();
        } catch (RuntimeException e) {
            return null; // read from a connection later
        }
    }
}
