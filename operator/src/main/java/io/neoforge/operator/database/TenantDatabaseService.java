package io.neoforge.operator.database;

import io.agroal.api.AgroalDataSource;
import io.neoforge.api.v1alpha1.tenant.TenantNames;
import io.neoforge.operator.config.NeoforgeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.Driver;
import org.postgresql.util.PasswordUtil;

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
    /** Key of the advisory lock that serialises the deletion budget (count and record in one transaction). */
    static final long DELETION_BUDGET_LOCK = 0x4e_46_5f_44_45_4c_00_01L;

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
    private final Flyway flyway;
    private final Object migrationLock = new Object();
    private volatile boolean migrated;
    private volatile boolean tenantGroupReady;

    /** CDI: the default datasource; tenant host/port overrides from {@code neoforge.database.*}. */
    @Inject
    public TenantDatabaseService(AgroalDataSource dataSource, NeoforgeConfig config, Flyway flyway) {
        this(dataSource, jdbcUrlOf(dataSource), flyway);
        setTenantEndpointOverride(
                config.database().tenantHost().orElse(null),
                config.database().tenantPort().orElse(null));
    }

    /** For plain tests and tools: the JDBC URL is read from the first connection when {@link #endpoint()} needs it. */
    public TenantDatabaseService(DataSource dataSource) {
        this(dataSource, null);
    }

    /** @param jdbcUrlOrNull the datasource's JDBC URL (for {@link #endpoint()} and messages); null to ask a connection */
    public TenantDatabaseService(DataSource dataSource, String jdbcUrlOrNull) {
        this(dataSource, jdbcUrlOrNull, dataSource == null ? null : flywayFor(dataSource));
    }

    private TenantDatabaseService(DataSource dataSource, String jdbcUrlOrNull, Flyway flyway) {
        if (dataSource == null) {
            throw new IllegalArgumentException("dataSource is required");
        }
        this.dataSource = dataSource;
        this.jdbcUrl = jdbcUrlOrNull;
        this.flyway = flyway;
    }

    /** Host and port written into tenants' credentials when they differ from the operator's (null: the operator's). */
    public void setTenantEndpointOverride(String tenantHostOrNull, Integer tenantPortOrNull) {
        if (tenantPortOrNull != null && (tenantPortOrNull < 1 || tenantPortOrNull > 65535)) {
            throw new IllegalArgumentException(
                    "neoforge.database.tenant-port must be 1..65535, was " + tenantPortOrNull);
        }
        this.tenantHostOverride =
                tenantHostOrNull == null || tenantHostOrNull.isBlank() ? null : tenantHostOrNull.trim();
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
        unlocked(
                "apply the database of tenant " + desired.tenant(),
                c -> {
                    Catalog seen = catalog(c, roleName, desired.schema());
                    if (seen.privilegedRole()) {
                        throw privilegedRoleRefused(roleName, desired.tenant());
                    }
                    if (!seen.groupHarmless()) {
                        throw groupRefused(seen.database());
                    }
                    if (seen.roleExists() && !seen.canAdminister()) {
                        throw roleNotAdministered(roleName, desired.tenant(), seen.login(), seen.serverVersion());
                    }
                    boolean reown =
                            seen.schemaOwner() != null && !seen.schemaOwner().equals(roleName);
                    if (reown && !seen.hasSchemaOwnersPrivileges()) {
                        throw new DatabaseOperationException(
                                "cannot re-adopt schema " + desired.schema() + " for tenant "
                                        + desired.tenant() + ": it is owned by role " + seen.schemaOwner()
                                        + ", and the operator's login "
                                        + seen.login()
                                        + " does not have that role's privileges, so it cannot hand the schema to "
                                        + roleName + ". As " + seen.schemaOwner()
                                        + " (or a superuser) run: ALTER SCHEMA "
                                        + desired.schema() + " OWNER TO " + roleName + "; the operator then adopts it",
                                "42501",
                                null);
                    }
                    // Everything below goes to the server in one round trip (a JDBC batch). First what the operator
                    // does
                    // as itself (CREATEROLE, owner of the database), then, as the tenant role, what only its owner may
                    // do.
                    List<String> ddl = new ArrayList<>();
                    String login = desired.loginEnabled() ? "LOGIN" : "NOLOGIN";
                    if (seen.roleExists()) {
                        ddl.add("ALTER ROLE " + role + " WITH " + login + " CONNECTION LIMIT "
                                + desired.connectionLimit());
                    } else {
                        ddl.add("CREATE ROLE " + role + " WITH " + login + " NOSUPERUSER NOCREATEDB NOCREATEROLE"
                                + " NOREPLICATION NOBYPASSRLS INHERIT CONNECTION LIMIT " + desired.connectionLimit());
                    }
                    if (!seen.superuser() && (!seen.roleExists() || !seen.canSetRole())) {
                        ddl.add(grantSelfSetRole(role, seen.serverVersion()));
                    }
                    // Client-side SCRAM: only the verifier travels and reaches the server's logs.
                    ddl.add(PasswordUtil.genAlterUserPasswordSQL(
                            roleName, desired.password().toCharArray(), "scram-sha-256"));

                    if (seen.schemaOwner() == null) {
                        ddl.add("CREATE SCHEMA " + schema + " AUTHORIZATION " + role);
                    } else if (reown) {
                        // a retained schema re-adopted by a new tenant of the same name, or a schema someone took over
                        ddl.add("ALTER SCHEMA " + schema + " OWNER TO " + role);
                    }

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

                    // As the schema's owner (the operator's own membership does not lend it the tenant's privileges on
                    // 16+;
                    // SET LOCAL ends with the transaction, also when a statement fails).
                    ddl.add("SET LOCAL ROLE " + role);
                    ddl.add("REVOKE ALL ON SCHEMA " + schema + " FROM PUBLIC");
                    // Objects the tenant creates later stay private: per schema, and globally for what PostgreSQL
                    // grants
                    // to PUBLIC by default (EXECUTE on functions, USAGE on types).
                    for (String kind : new String[] {"TABLES", "SEQUENCES", "FUNCTIONS", "TYPES"}) {
                        ddl.add("ALTER DEFAULT PRIVILEGES FOR ROLE " + role + " IN SCHEMA " + schema + " REVOKE ALL ON "
                                + kind + " FROM PUBLIC");
                    }
                    ddl.add("ALTER DEFAULT PRIVILEGES FOR ROLE " + role + " REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC");
                    ddl.add("ALTER DEFAULT PRIVILEGES FOR ROLE " + role + " REVOKE USAGE ON TYPES FROM PUBLIC");
                    ddl.add("RESET ROLE");
                    executeBatch(c, ddl);
                    return null;
                },
                c -> {
                    if (!desired.loginEnabled()) {
                        terminateSessions(c, roleName);
                    }
                });
    }

    /**
     * Lets the operator's login act as the tenant role ({@code SET ROLE}, {@code AUTHORIZATION}, default privileges
     * {@code FOR ROLE}) without inheriting its privileges: like CloudNativePG's managed roles. On PostgreSQL 16+ a
     * CREATEROLE login holds ADMIN OPTION on the roles it created, but neither membership nor SET; on 15 CREATEROLE
     * may grant any non-superuser role, and membership is what ownership needs. A superuser gets a harmless grant.
     */
    private static String grantSelfSetRole(String quotedRole, int serverVersion) {
        return "GRANT " + quotedRole + " TO CURRENT_USER"
                + (serverVersion >= 160000 ? " WITH INHERIT FALSE, SET TRUE" : "");
    }

    private static DatabaseOperationException roleNotAdministered(
            String role, String tenant, String login, int serverVersion) {
        return new DatabaseOperationException(
                "cannot adopt role " + role + " for tenant " + tenant
                        + ": it exists, but the operator's login " + login + " may not administer it"
                        + (serverVersion >= 160000
                                ? " (PostgreSQL 16+: a CREATEROLE login administers only the roles it"
                                        + " created, or those granted to it WITH ADMIN OPTION; this one was probably created by another"
                                        + " login, e.g. a superuser)"
                                : " (it needs CREATEROLE)")
                        + ". As a superuser or the role's creator run: GRANT " + role + " TO " + login
                        + (serverVersion >= 160000 ? " WITH ADMIN OPTION, INHERIT FALSE, SET TRUE" : "")
                        + "; the operator then adopts it with its schema and data",
                "42501",
                null);
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
        inTransaction(
                "prepare the tenant group role " + TENANT_GROUP,
                c -> {
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
                    if (harmless != null) {
                        RoleAccess access = roleAccess(c, TENANT_GROUP);
                        if (access != null && !access.canAdminister()) {
                            throw new DatabaseOperationException(
                                    "cannot use role " + TENANT_GROUP + " as the tenants' group:"
                                            + " the operator's login " + access.login()
                                            + " may not grant it (PostgreSQL 16+: it was"
                                            + " created by another login). As a superuser or its creator run: GRANT "
                                            + TENANT_GROUP
                                            + " TO " + access.login()
                                            + " WITH ADMIN OPTION, INHERIT FALSE, SET FALSE; or drop it and"
                                            + " the operator creates it",
                                    "42501",
                                    null);
                        }
                    }
                    String database = quote(databaseName);
                    List<String> ddl = new ArrayList<>();
                    if (harmless == null) {
                        ddl.add("CREATE ROLE " + group
                                + " WITH NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION"
                                + " NOBYPASSRLS NOINHERIT");
                    }
                    // the operator owns the database (CREATEDB, or ALTER DATABASE ... OWNER TO it): it may change its
                    // ACL
                    ddl.add("REVOKE ALL ON DATABASE " + database + " FROM PUBLIC");
                    ddl.add("GRANT CONNECT ON DATABASE " + database + " TO " + group);
                    executeBatch(c, ddl);
                    closePublicSchema(c);
                    return null;
                },
                c -> {});
        tenantGroupReady = true;
    }

    /**
     * No tenant may create objects in schema {@code public}. PostgreSQL 15+ grants PUBLIC no CREATE there; a
     * database created by an older version (or by hand) may. Revoking it needs the schema owner's privileges
     * ({@code pg_database_owner} on 15+, which the database's owner has); a login without them gets a clear refusal
     * instead of a tenant that could plant functions in {@code public}.
     */
    private static void closePublicSchema(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT"
                        + " EXISTS (SELECT 1 FROM pg_catalog.aclexplode(n.nspacl) a WHERE a.grantee = 0"
                        + "   AND a.privilege_type = 'CREATE'),"
                        + " pg_catalog.pg_has_role(current_user, n.nspowner, 'USAGE'), pg_catalog.pg_get_userbyid(n.nspowner),"
                        + " current_user::text"
                        + " FROM pg_catalog.pg_namespace n WHERE n.nspname = 'public'")) {
            if (!rs.next() || !rs.getBoolean(1)) {
                return; // no schema public, or PUBLIC cannot create in it
            }
            if (!rs.getBoolean(2)) {
                throw new DatabaseOperationException(
                        "PUBLIC may create objects in schema public of this database,"
                                + " and the operator's login " + rs.getString(4)
                                + " cannot revoke that: the schema is owned by "
                                + rs.getString(3) + ". As " + rs.getString(3)
                                + " (or a superuser) run: REVOKE CREATE ON SCHEMA"
                                + " public FROM PUBLIC; (or ALTER SCHEMA public OWNER TO pg_database_owner)",
                        "42501",
                        null);
            }
        }
        execute(c, "REVOKE CREATE ON SCHEMA public FROM PUBLIC");
    }

    private static DatabaseOperationException groupRefused(String database) {
        return new DatabaseOperationException(
                "refusing to use role " + TENANT_GROUP + " as the tenants' group: it"
                        + " can log in, has privileged attributes or is a member of other roles, so every tenant would get"
                        + " them; the operator only grants it CONNECT on database " + database
                        + ". Make it a plain NOLOGIN"
                        + " role without memberships, or drop it and the operator creates it",
                null,
                null);
    }

    /** Sets the tenant's role NOLOGIN and ends its sessions; schema and data stay. No-op when there is no role. */
    public void disableLogin(String tenant) {
        String roleName = TenantNames.databaseIdentifier(tenant);
        String role = quote(roleName);
        Boolean disabled = inTransaction(
                "disable database login of tenant " + tenant,
                c -> {
                    if (manageableRole(c, roleName, tenant) == null) {
                        return false;
                    }
                    execute(c, "ALTER ROLE " + role + " WITH NOLOGIN");
                    return true;
                },
                c -> {});
        if (disabled) {
            unlocked("end the database sessions of tenant " + tenant, c -> null, c -> terminateSessions(c, roleName));
        }
    }

    /** Ends the tenant's sessions, drops its schema (with its data) and its role. Idempotent. */
    public void drop(String tenant) {
        String roleName = TenantNames.databaseIdentifier(tenant);
        String role = quote(roleName);
        String schema = quote(roleName);
        // first keep the role from logging in again, then end its sessions, then drop
        disableLogin(tenant);
        inTransaction(
                "drop the database of tenant " + tenant,
                c -> {
                    RoleAccess access = manageableRole(c, roleName, tenant);
                    String owner = schemaOwner(c, roleName);
                    if (access != null && roleName.equals(owner)) {
                        // as the owner: on 16+ the operator's membership (INHERIT FALSE) does not make it one
                        execute(c, "SET LOCAL ROLE " + role);
                    }
                    execute(c, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                    if (access != null) {
                        // default privileges and grants in this database, and whatever else it still owns here
                        execute(c, "SET LOCAL ROLE " + role);
                        execute(c, "DROP OWNED BY " + role + " CASCADE");
                        execute(c, "RESET ROLE");
                        execute(c, "REVOKE ALL ON DATABASE " + quote(currentDatabase(c)) + " FROM " + role);
                        execute(c, "DROP ROLE IF EXISTS " + role);
                    } else {
                        execute(c, "RESET ROLE");
                    }
                    return null;
                },
                c -> {});
    }

    /** Whether the tenant's role or schema exists (a retained database a new tenant of that name re-adopts). */
    public boolean exists(String tenant) {
        String name = TenantNames.databaseIdentifier(tenant);
        return unlocked(
                "look up the database of tenant " + tenant, c -> roleExists(c, name) || schemaOwner(c, name) != null);
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

    /** The outcome of {@link #reserveDeletion}: whether the deletion may go ahead, and the deletions in the window. */
    public record DeletionReservation(boolean granted, int deletionsInWindow) {}

    /**
     * Takes one deletion from the budget of {@code limit} per {@code window}, or refuses: in one transaction that
     * holds an advisory lock (so concurrent reconciliations, and a second operator replica, queue here), counts the
     * deletions recorded in the window (by the server's clock) and records this one, before anything is deleted.
     * Idempotent per tenant uid: a retried cleanup of a tenant already granted is granted again and counts once.
     */
    public DeletionReservation reserveDeletion(String tenant, String uid, int limit, Duration window) {
        if (!TenantNames.isValid(tenant)) {
            throw new IllegalArgumentException("not a valid tenant name: " + tenant);
        }
        if (uid == null || uid.isBlank() || window == null || window.isNegative() || limit < 0) {
            throw new IllegalArgumentException("uid, a non-negative limit and window are required");
        }
        String table = quote(OPERATOR_SCHEMA) + "." + quote(DELETIONS_TABLE);
        return withDeletionsTable("reserve the deletion of tenant " + tenant, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_catalog.pg_advisory_xact_lock(?)")) {
                ps.setLong(1, DELETION_BUDGET_LOCK);
                ps.executeQuery().close();
            }
            int recent;
            boolean already;
            // both by index (deleted_at, uid): the table keeps one row per tenant ever deleted
            try (PreparedStatement ps = c.prepareStatement("SELECT (SELECT count(*) FROM " + table
                    + " WHERE deleted_at >= now() - make_interval(secs => ?)),"
                    + " EXISTS (SELECT 1 FROM " + table + " WHERE uid = ?)")) {
                ps.setDouble(1, window.toMillis() / 1000.0);
                ps.setString(2, uid);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    recent = rs.getInt(1);
                    already = rs.getBoolean(2);
                }
            }
            if (already) {
                return new DeletionReservation(true, recent);
            }
            if (recent >= limit) {
                return new DeletionReservation(false, recent);
            }
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO " + table + " (tenant, uid, deleted_at) VALUES (?, ?, now())")) {
                ps.setString(1, tenant);
                ps.setString(2, uid);
                ps.executeUpdate();
            }
            return new DeletionReservation(true, recent + 1);
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
        return new DatabaseEndpoint(
                tenantHostOverride != null ? tenantHostOverride : own.host(),
                tenantPortOverride != null ? tenantPortOverride : own.port(),
                own.database());
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
            throw new IllegalArgumentException(
                    "refusing to use " + (identifier == null ? "null" : "'" + identifier + "'")
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

    private static DatabaseOperationException privilegedRoleRefused(String role, String tenant) {
        return new DatabaseOperationException(
                "refusing to adopt role " + role + " for tenant " + tenant
                        + ": it is a superuser, a replication role or bypasses row-level security, so it was not"
                        + " created by the operator and the operator leaves it alone; rename or drop it by hand",
                null,
                null);
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
    private record Catalog(
            boolean roleExists,
            boolean privilegedRole,
            String schemaOwner,
            boolean memberOfGroup,
            boolean directDatabaseGrant,
            boolean groupHarmless,
            int serverVersion,
            String database,
            String login,
            boolean superuser,
            boolean canAdminister,
            boolean canSetRole,
            boolean hasSchemaOwnersPrivileges) {}

    /** Whether the operator's login is a superuser. */
    private static final String LOGIN_IS_SUPERUSER =
            "(SELECT s.rolsuper FROM pg_catalog.pg_roles s" + " WHERE s.rolname = current_user)";

    /**
     * Whether the operator's login may ALTER/DROP/GRANT the role with oid {@code oid}: a superuser always; on 16+
     * with ADMIN OPTION on it (implicit for the roles it created); on 15 with CREATEROLE, any non-superuser role.
     */
    private static String canAdministerSql(String oid, String isSuper) {
        return "(" + LOGIN_IS_SUPERUSER
                + " OR CASE WHEN pg_catalog.current_setting('server_version_num')::int >= 160000"
                + " THEN pg_catalog.pg_has_role(current_user, " + oid + ", 'USAGE WITH ADMIN OPTION')"
                + " ELSE (SELECT s.rolcreaterole FROM pg_catalog.pg_roles s WHERE s.rolname = current_user)"
                + " AND NOT " + isSuper + " END)";
    }

    /** Whether the operator's login may SET ROLE to the role with oid {@code oid} (16+: SET option; 15: member). */
    private static String canSetRoleSql(String oid) {
        return "CASE WHEN pg_catalog.current_setting('server_version_num')::int >= 160000"
                + " THEN pg_catalog.pg_has_role(current_user, " + oid + ", 'SET')"
                + " ELSE pg_catalog.pg_has_role(current_user, " + oid + ", 'MEMBER') END";
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
                + " pg_catalog.current_database(),"
                + " current_user::text,"
                + " " + LOGIN_IS_SUPERUSER + ","
                + " coalesce(" + canAdministerSql("r.oid", "r.rolsuper") + ", false),"
                + " coalesce(" + canSetRoleSql("r.oid") + ", false),"
                + " coalesce((SELECT pg_catalog.pg_has_role(current_user, n.nspowner, 'USAGE')"
                + "   FROM pg_catalog.pg_namespace n WHERE n.nspname = ?), false)"
                + " FROM (SELECT 1) AS one LEFT JOIN pg_catalog.pg_roles r ON r.rolname = ?")) {
            ps.setString(1, schema);
            ps.setString(2, TENANT_GROUP);
            ps.setString(3, TENANT_GROUP);
            ps.setString(4, schema);
            ps.setString(5, role);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Catalog(
                        rs.getBoolean(1),
                        rs.getBoolean(2),
                        rs.getString(3),
                        rs.getBoolean(4),
                        rs.getBoolean(5),
                        rs.getBoolean(6),
                        rs.getInt(7),
                        rs.getString(8),
                        rs.getString(9),
                        rs.getBoolean(10),
                        rs.getBoolean(11),
                        rs.getBoolean(12),
                        rs.getBoolean(13));
            }
        }
    }

    /** What disable and drop need to know of a tenant role (no row: the role does not exist). */
    private record RoleAccess(
            boolean privileged, boolean canAdminister, boolean canSetRole, String login, int serverVersion) {}

    private static RoleAccess roleAccess(Connection c, String role) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT r.rolsuper OR r.rolreplication OR r.rolbypassrls,"
                + " coalesce(" + canAdministerSql("r.oid", "r.rolsuper") + ", false),"
                + " coalesce(" + canSetRoleSql("r.oid") + ", false), current_user::text,"
                + " pg_catalog.current_setting('server_version_num')::int"
                + " FROM pg_catalog.pg_roles r WHERE r.rolname = ?")) {
            ps.setString(1, role);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? new RoleAccess(
                                rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3), rs.getString(4), rs.getInt(5))
                        : null;
            }
        }
    }

    /**
     * Refuses privileged roles and roles the login may not administer; makes sure the login can SET ROLE to it.
     * Null when the role does not exist.
     */
    private static RoleAccess manageableRole(Connection c, String role, String tenant) throws SQLException {
        RoleAccess access = roleAccess(c, role);
        if (access == null) {
            return null;
        }
        if (access.privileged()) {
            throw privilegedRoleRefused(role, tenant);
        }
        if (!access.canAdminister()) {
            throw roleNotAdministered(role, tenant, access.login(), access.serverVersion());
        }
        if (!access.canSetRole()) {
            execute(c, grantSelfSetRole(quote(role), access.serverVersion()));
        }
        return access;
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
            throw cause != null
                    ? cause
                    : new SQLException("a batch of " + statements.size() + " statements failed", e.getSQLState());
        }
    }

    private static String currentDatabase(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT current_database()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * Ends the role's sessions, acting as the role (in a transaction of its own, SET LOCAL): on 16+ signalling a
     * backend needs the privileges of its role, which the operator's INHERIT FALSE membership does not lend.
     * The connection is in auto-commit here (after the work's transaction).
     */
    private static void terminateSessions(Connection c, String role) throws SQLException {
        c.setAutoCommit(false);
        try {
            execute(c, "SET LOCAL ROLE " + quote(role));
            try (PreparedStatement ps = c.prepareStatement("SELECT count(pg_catalog.pg_terminate_backend(pid))"
                    + " FROM pg_catalog.pg_stat_activity WHERE usename = ? AND pid <> pg_catalog.pg_backend_pid()")) {
                ps.setString(1, role);
                ps.executeQuery().close();
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /**
     * Runs {@code work} once the operator's own tables exist: Flyway migrates schema {@value #OPERATOR_SCHEMA} on the
     * first use (not at start-up, which must succeed while PostgreSQL is down), and again on the next use after a
     * failed attempt. Flyway locks its history table, so a second replica migrating at the same time waits.
     */
    private <T> T withDeletionsTable(String action, SqlWork<T> work) {
        migrate(action);
        return unlocked(action, work);
    }

    private void migrate(String action) {
        if (migrated) {
            return;
        }
        synchronized (migrationLock) {
            if (migrated) {
                return;
            }
            try {
                flyway.migrate();
            } catch (RuntimeException e) {
                String what = "migrate schema " + OPERATOR_SCHEMA + " (Flyway, db/migration) to " + action;
                for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                    if (t instanceof SQLException sql) {
                        throw translate(what, sql);
                    }
                }
                throw new DatabaseOperationException(
                        "could not " + what + " on PostgreSQL " + where() + ": " + redact(rootMessage(e)), null, e);
            }
            migrated = true;
        }
    }

    /** The plain-JDBC path's Flyway, configured like quarkus.flyway.* in application.properties. */
    static Flyway flywayFor(DataSource dataSource) {
        return Flyway.configure(TenantDatabaseService.class.getClassLoader())
                .dataSource(dataSource)
                .schemas(OPERATOR_SCHEMA)
                .defaultSchema(OPERATOR_SCHEMA)
                .createSchemas(true)
                .locations("classpath:db/migration")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load();
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
        return unlocked(action, work, c -> {});
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
            return new DatabaseUnavailableException(
                    "PostgreSQL " + where() + " is unavailable, could not " + action
                            + ": " + detail + (state == null ? "" : " (SQLState " + state + ")")
                            + ". Check that the server is running and reachable from the operator (quarkus.datasource.jdbc.url);"
                            + " the operator retries.",
                    e);
        }
        return new DatabaseOperationException(
                "could not " + action + " on PostgreSQL " + where() + ": " + detail + " (SQLState " + state + ")",
                state,
                e);
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
                    if (s instanceof SQLTransientConnectionException
                            || s instanceof SQLNonTransientConnectionException) {
                        return true;
                    }
                    String message = s.getMessage();
                    if (message != null && message.toLowerCase().contains("acquisition timeout")) {
                        return true; // Agroal: pool exhausted or no connection could be made in time
                    }
                }
            }
            if (t instanceof ConnectException
                    || t instanceof SocketTimeoutException
                    || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException
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
            return dataSource
                    .getConfiguration()
                    .connectionPoolConfiguration()
                    .connectionFactoryConfiguration()
                    .jdbcUrl();
        } catch (RuntimeException e) {
            return null; // read from a connection later
        }
    }
}
