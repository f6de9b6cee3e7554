package io.neoforge.operator.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.neoforge.api.v1alpha1.tenant.TenantNames;
import io.neoforge.testsupport.TcpProxy;
import io.neoforge.testsupport.TestPostgres;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tenant database layer against a real PostgreSQL (embedded 17, or NEOFORGE_TEST_DB_URL, e.g. Debian's 15), as
 * the least-privilege login a managed PostgreSQL hands out ({@link TestPostgres#OPERATOR_ROLE}: LOGIN CREATEROLE
 * CREATEDB, owner of the database, no superuser); the superuser only sets up and checks.
 */
class TenantDatabaseServiceTest {

    static TestPostgres postgres;
    static TenantDatabaseService service;

    final List<String> tenants = new ArrayList<>();
    final List<String> extraRoles = new ArrayList<>();

    @BeforeAll
    static void startPostgres() {
        postgres = TestPostgres.get();
        service = new TenantDatabaseService(postgres.operatorDataSource());
    }

    @Test
    void theServiceRunsAsALoginWithOnlyCreateroleAndCreatedbThatOwnsItsDatabase() throws SQLException {
        try (Connection c = postgres.operatorDataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT r.rolsuper, r.rolbypassrls, r.rolreplication,"
                                + " r.rolcreaterole, r.rolcreatedb, pg_get_userbyid(d.datdba) = current_user,"
                                + " (SELECT count(*) FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid"
                                + "   WHERE m.member = r.oid AND g.rolname NOT LIKE 'tenant\\_%' AND g.rolname <> 'neoforge_tenants'),"
                                + " (SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'public')"
                                + " FROM pg_roles r, pg_database d WHERE r.rolname = current_user AND d.datname = current_database()");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            assertThat(rs.getBoolean(1)).as("superuser").isFalse();
            assertThat(rs.getBoolean(2)).as("bypassrls").isFalse();
            assertThat(rs.getBoolean(3)).as("replication").isFalse();
            assertThat(rs.getBoolean(4)).as("createrole").isTrue();
            assertThat(rs.getBoolean(5)).as("createdb").isTrue();
            assertThat(rs.getBoolean(6)).as("owns the database").isTrue();
            assertThat(rs.getInt(7)).as("member of other roles").isZero();
            assertThat(rs.getString(8)).as("owner of schema public").isNotEqualTo(TestPostgres.OPERATOR_ROLE);
        }
    }

    @AfterEach
    void dropWhatTheTestCreated() throws SQLException {
        for (String tenant : tenants) {
            service.drop(tenant);
        }
        for (String role : extraRoles) {
            admin("DROP OWNED BY \"" + role + "\"");
            admin("DROP ROLE IF EXISTS \"" + role + "\"");
        }
    }

    // ------------------------------------------------------------------------------------------ isolation

    @Test
    void tenantRoleCanCreateATableInItsOwnSchemaAndUseIt() throws SQLException {
        TenantDatabase db = applied(newTenant("acme"), 5, true);

        try (Connection c = connect(db)) {
            assertThat(queryString(c, "SELECT current_schema()")).isEqualTo(db.schema());
            exec(c, "CREATE TABLE notes (id int PRIMARY KEY, body text)");
            exec(c, "INSERT INTO notes VALUES (1, 'hello')");
            assertThat(queryString(c, "SELECT body FROM notes WHERE id = 1")).isEqualTo("hello");
        }
        assertThat(adminString("SELECT schemaname FROM pg_tables WHERE tablename = 'notes' AND schemaname = '"
                        + db.schema() + "'"))
                .isEqualTo(db.schema());
    }

    @Test
    void tenantCannotReadAnotherTenantsTable() throws SQLException {
        TenantDatabase a = applied(newTenant("alpha"), 5, true);
        TenantDatabase b = applied(newTenant("bravo"), 5, true);
        try (Connection c = connect(a)) {
            exec(c, "CREATE TABLE secrets (v text)");
            exec(c, "INSERT INTO secrets VALUES ('a-only')");
        }

        try (Connection c = connect(b)) {
            assertSqlState(() -> exec(c, "SELECT * FROM \"" + a.schema() + "\".secrets"), "42501");
            assertSqlState(() -> exec(c, "CREATE TABLE \"" + a.schema() + "\".planted (v text)"), "42501");
        }
    }

    @Test
    void tenantCannotCreateObjectsInThePublicSchema() throws SQLException {
        TenantDatabase db = applied(newTenant("acme"), 5, true);

        try (Connection c = connect(db)) {
            assertSqlState(() -> exec(c, "CREATE TABLE public.squatter (v text)"), "42501");
            assertSqlState(() -> exec(c, "CREATE FUNCTION public.f() RETURNS int LANGUAGE sql AS 'SELECT 1'"), "42501");
        }
        assertThat(adminBoolean("SELECT has_schema_privilege('public', 'public', 'CREATE')"))
                .isFalse();
    }

    @Test
    void publicHasNoPrivilegeOnATenantSchemaAndARoleWithoutGrantsCannotUseIt() throws SQLException {
        TenantDatabase db = applied(newTenant("acme"), 5, true);
        try (Connection c = connect(db)) {
            exec(c, "CREATE TABLE t (v text)");
        }

        assertThat(adminBoolean("SELECT has_schema_privilege('public', '" + db.schema() + "', 'USAGE')"))
                .isFalse();
        assertThat(adminBoolean("SELECT has_schema_privilege('public', '" + db.schema() + "', 'CREATE')"))
                .isFalse();
        assertThat(adminBoolean("SELECT EXISTS (SELECT 1 FROM pg_namespace n, aclexplode(n.nspacl) a"
                        + " WHERE n.nspname = '" + db.schema() + "' AND a.grantee = 0)"))
                .as("PUBLIC in the schema's ACL")
                .isFalse();
        assertThat(adminBoolean("SELECT has_database_privilege('public', current_database(), 'CONNECT')"))
                .isFalse();

        String outsider = "outsider_" + suffix();
        extraRoles.add(outsider);
        admin("CREATE ROLE \"" + outsider + "\" LOGIN PASSWORD 'outsider-pw'");
        // without any grant it cannot even connect to the database
        assertSqlState(() -> postgres.connectAs(outsider, "outsider-pw").close(), "42501");
        admin("GRANT CONNECT ON DATABASE \"" + postgres.database() + "\" TO \"" + outsider + "\"");
        try (Connection c = postgres.connectAs(outsider, "outsider-pw")) {
            assertSqlState(() -> exec(c, "SELECT * FROM \"" + db.schema() + "\".t"), "42501");
            assertSqlState(() -> exec(c, "CREATE TABLE \"" + db.schema() + "\".planted (v text)"), "42501");
        }
    }

    @Test
    void functionsTablesAndSequencesCreatedLaterByATenantStayPrivateFromOtherTenants() throws SQLException {
        TenantDatabase a = applied(newTenant("alpha"), 5, true);
        TenantDatabase b = applied(newTenant("bravo"), 5, true);
        try (Connection c = connect(a)) {
            exec(c, "CREATE TABLE later (id serial PRIMARY KEY, v text)");
            exec(c, "CREATE FUNCTION answer() RETURNS int LANGUAGE sql AS 'SELECT 42'");
            exec(c, "CREATE TYPE mood AS ENUM ('ok')");
        }
        String s = a.schema();

        assertThat(adminBoolean("SELECT has_function_privilege('public', '\"" + s + "\".answer()', 'EXECUTE')"))
                .isFalse();
        assertThat(adminBoolean(
                        "SELECT has_function_privilege('" + b.role() + "', '\"" + s + "\".answer()', 'EXECUTE')"))
                .isFalse();
        assertThat(adminBoolean("SELECT has_table_privilege('" + b.role() + "', '\"" + s + "\".later', 'SELECT')"))
                .isFalse();
        assertThat(adminBoolean(
                        "SELECT has_sequence_privilege('" + b.role() + "', '\"" + s + "\".later_id_seq', 'USAGE')"))
                .isFalse();
        assertThat(adminBoolean("SELECT has_type_privilege('public', '\"" + s + "\".mood', 'USAGE')"))
                .isFalse();
        try (Connection c = connect(b)) {
            assertSqlState(() -> exec(c, "SELECT \"" + s + "\".answer()"), "42501");
            assertSqlState(() -> exec(c, "SELECT * FROM \"" + s + "\".later"), "42501");
        }
        // and the owner still uses its own objects
        try (Connection c = connect(a)) {
            assertThat(queryString(c, "SELECT answer()::text")).isEqualTo("42");
        }
    }

    // ------------------------------------------------------------------------------------------ login, limits

    @Test
    void loginIsRefusedWhileDisabledOpenSessionsAreEndedAndLoginWorksAgainAfterReenabling() throws SQLException {
        String tenant = newTenant("acme");
        TenantDatabase enabled = applied(tenant, 5, true);
        Connection open = connect(enabled);
        try {
            service.apply(TenantDatabase.of(tenant, enabled.password(), 5, false));

            await().atMost(Duration.ofSeconds(10)).until(() -> !open.isValid(1));
            assertSqlState(() -> connect(enabled).close(), "28000");
        } finally {
            open.close();
        }

        service.apply(enabled);
        try (Connection c = connect(enabled)) {
            assertThat(queryString(c, "SELECT current_user")).isEqualTo(enabled.role());
        }
    }

    @Test
    void connectionLimitIsAppliedAndChangedOnTheRole() throws SQLException {
        String tenant = newTenant("acme");
        TenantDatabase db = applied(tenant, 3, true);
        assertThat(adminString("SELECT rolconnlimit::text FROM pg_roles WHERE rolname = '" + db.role() + "'"))
                .isEqualTo("3");

        service.apply(TenantDatabase.of(tenant, db.password(), 7, true));
        assertThat(adminString("SELECT rolconnlimit::text FROM pg_roles WHERE rolname = '" + db.role() + "'"))
                .isEqualTo("7");
        assertThat(adminBoolean("SELECT rolcanlogin AND NOT rolsuper AND NOT rolcreaterole AND NOT rolcreatedb"
                        + " FROM pg_roles WHERE rolname = '" + db.role() + "'"))
                .isTrue();
    }

    @Test
    void applyingTheSameDesiredStateTwiceChangesNothingAndKeepsData() throws SQLException {
        TenantDatabase db = applied(newTenant("acme"), 5, true);
        try (Connection c = connect(db)) {
            exec(c, "CREATE TABLE keep (v text)");
            exec(c, "INSERT INTO keep VALUES ('x')");
        }
        String before = snapshot(db);

        assertThatCode(() -> service.apply(db)).doesNotThrowAnyException();

        assertThat(snapshot(db)).isEqualTo(before);
        try (Connection c = connect(db)) {
            assertThat(queryString(c, "SELECT v FROM keep")).isEqualTo("x");
        }
        assertThat(service.exists(db.tenant())).isTrue();
    }

    // ------------------------------------------------------------------------------------------ deletion

    @Test
    void dropRemovesRoleAndSchemaWithTheirDataAndIsIdempotent() throws SQLException {
        TenantDatabase db = applied(newTenant("acme"), 5, true);
        Connection open = connect(db);
        exec(open, "CREATE TABLE doomed (v text)");

        service.drop(db.tenant());

        assertThat(service.exists(db.tenant())).isFalse();
        assertThat(adminBoolean("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + db.role() + "')"))
                .isFalse();
        assertThat(adminBoolean("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = '" + db.schema() + "')"))
                .isFalse();
        assertThat(adminBoolean("SELECT EXISTS (SELECT 1 FROM pg_database d, aclexplode(d.datacl) a"
                        + " WHERE d.datname = current_database() AND a.grantee::regrole::text = '" + db.role() + "')"))
                .isFalse();
        assertThat(open.isValid(2)).as("the tenant's session was ended").isFalse();
        open.close();
        assertThatCode(() -> service.drop(db.tenant())).doesNotThrowAnyException();
    }

    @Test
    void disableLoginKeepsSchemaAndDataAndALaterApplyWithANewPasswordReadoptsThem() throws SQLException {
        String tenant = newTenant("acme");
        TenantDatabase first = applied(tenant, 5, true);
        try (Connection c = connect(first)) {
            exec(c, "CREATE TABLE orders (id int, item text)");
            exec(c, "INSERT INTO orders VALUES (1, 'anvil'), (2, 'rocket')");
        }

        service.disableLogin(tenant);

        assertSqlState(() -> connect(first).close(), "28000");
        assertThat(service.exists(tenant)).isTrue();
        assertThat(adminString("SELECT count(*)::text FROM \"" + first.schema() + "\".orders"))
                .isEqualTo("2");

        TenantDatabase readopted = TenantDatabase.of(tenant, "new-" + first.password(), 5, true);
        service.apply(readopted);

        try (Connection c = connect(readopted)) {
            assertThat(queryString(c, "SELECT string_agg(item, ',' ORDER BY id) FROM orders"))
                    .isEqualTo("anvil,rocket");
            exec(c, "INSERT INTO orders VALUES (3, 'magnet')");
        }
        assumePasswordsAreChecked();
        assertSqlState(() -> connect(first).close(), "28P01");
    }

    @Test
    void disableLoginOfATenantWithoutDatabaseIsANoOp() {
        String tenant = newTenant("ghost");
        assertThatCode(() -> service.disableLogin(tenant)).doesNotThrowAnyException();
        assertThat(service.exists(tenant)).isFalse();
    }

    @Test
    void aSchemaOwnedByARoleTheOperatorAdministersIsReadoptedByTheTenantRole() throws SQLException {
        String tenant = newTenant("acme");
        String identifier = TenantNames.databaseIdentifier(tenant);
        // e.g. handed to another tenant role by hand: one the operator created and may act as
        TenantDatabase other = applied(newTenant("other"), 5, true);
        admin("CREATE SCHEMA \"" + identifier + "\" AUTHORIZATION \"" + other.role() + "\"");
        admin("CREATE TABLE \"" + identifier + "\".legacy (v text)");
        admin("ALTER TABLE \"" + identifier + "\".legacy OWNER TO \"" + other.role() + "\"");
        // the operator's login acts as the roles it created (16+: SET without INHERIT), it does not own their objects
        grantOperatorInheritance(other.role());

        TenantDatabase db = applied(tenant, 5, true);

        assertThat(adminString(
                        "SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = '" + identifier + "'"))
                .isEqualTo(db.role());
        try (Connection c = connect(db)) {
            exec(c, "CREATE TABLE fresh (v text)");
        }
        admin("DROP TABLE \"" + identifier + "\".legacy");
    }

    @Test
    void aSchemaOwnedByASuperuserIsRefusedWithWhatToRunAndAdoptedOnceHandedOver() throws SQLException {
        String tenant = newTenant("acme");
        String identifier = TenantNames.databaseIdentifier(tenant);
        admin("CREATE SCHEMA \"" + identifier + "\"");
        admin("CREATE TABLE \"" + identifier + "\".legacy (v text)");
        admin("INSERT INTO \"" + identifier + "\".legacy VALUES ('kept')");
        TenantDatabase db = TenantDatabase.of(tenant, "pw-" + suffix(), 5, true);

        DatabaseOperationException refused =
                catchThrowableOfType(DatabaseOperationException.class, () -> service.apply(db));

        assertThat(refused).isNotNull();
        assertThat(refused.getMessage())
                .contains("cannot re-adopt schema " + identifier)
                .contains("owned by role " + postgres.username())
                .contains("ALTER SCHEMA " + identifier + " OWNER TO " + identifier);
        assertThat(adminString(
                        "SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = '" + identifier + "'"))
                .isEqualTo(postgres.username());

        // what the message says to run, then the operator adopts schema and data
        admin("CREATE ROLE \"" + identifier + "\" NOLOGIN");
        admin("ALTER SCHEMA \"" + identifier + "\" OWNER TO \"" + identifier + "\"");
        admin("ALTER TABLE \"" + identifier + "\".legacy OWNER TO \"" + identifier + "\"");
        if (postgres.serverVersion() >= 160000) {
            // a role a superuser created: 16+ wants ADMIN OPTION for the operator to administer it
            admin("GRANT \"" + identifier + "\" TO " + TestPostgres.OPERATOR_ROLE + " WITH ADMIN OPTION");
        }
        service.apply(db);
        try (Connection c = connect(db)) {
            assertThat(queryString(c, "SELECT v FROM legacy")).isEqualTo("kept");
        }
    }

    @Test
    void aRetainedRoleAndSchemaCreatedByASuperuserLoginAreReadoptedOn15AndNeedAdminOptionOn16() throws SQLException {
        // what an earlier operator running as a superuser left: role and schema owned by the role, with data
        String tenant = newTenant("acme");
        String identifier = TenantNames.databaseIdentifier(tenant);
        applied(newTenant("first"), 5, true); // the operator's login made the tenants' group, as in production
        TenantDatabase old = TenantDatabase.of(tenant, "old-" + suffix(), 5, true);
        new TenantDatabaseService(postgres.adminDataSource()).apply(old);
        try (Connection c = connect(old)) {
            exec(c, "CREATE TABLE orders (item text)");
            exec(c, "INSERT INTO orders VALUES ('anvil')");
        }
        new TenantDatabaseService(postgres.adminDataSource()).disableLogin(tenant);
        TenantDatabase readopted = TenantDatabase.of(tenant, "new-" + suffix(), 5, true);

        if (postgres.serverVersion() >= 160000) {
            DatabaseOperationException refused =
                    catchThrowableOfType(DatabaseOperationException.class, () -> service.apply(readopted));
            assertThat(refused).isNotNull();
            assertThat(refused.getMessage())
                    .contains("cannot adopt role " + identifier)
                    .contains("GRANT " + identifier + " TO " + TestPostgres.OPERATOR_ROLE + " WITH ADMIN OPTION");
            assertThat(adminBoolean("SELECT rolcanlogin FROM pg_roles WHERE rolname = '" + identifier + "'"))
                    .isFalse();
            admin("GRANT \"" + identifier + "\" TO " + TestPostgres.OPERATOR_ROLE + " WITH ADMIN OPTION");
        }
        service.apply(readopted);

        try (Connection c = connect(readopted)) {
            assertThat(queryString(c, "SELECT item FROM orders")).isEqualTo("anvil");
            exec(c, "INSERT INTO orders VALUES ('rocket')");
        }
        assertThat(adminBoolean("SELECT has_table_privilege('public', '\"" + identifier + "\".orders', 'SELECT')"))
                .isFalse();
    }

    @Test
    void aPrivilegedRoleThatHappensToHaveTheTenantsNameIsNeverAdopted() throws SQLException {
        String tenant = newTenant("acme");
        String identifier = TenantNames.databaseIdentifier(tenant);
        extraRoles.add(identifier);
        admin("CREATE ROLE \"" + identifier + "\" SUPERUSER NOLOGIN");

        DatabaseOperationException refused = catchThrowableOfType(
                DatabaseOperationException.class,
                () -> service.apply(TenantDatabase.of(tenant, "pw-" + suffix(), 5, true)));

        assertThat(refused).isNotNull();
        assertThat(refused.getMessage()).contains("refusing to adopt role " + identifier);
        assertThat(adminBoolean("SELECT rolcanlogin FROM pg_roles WHERE rolname = '" + identifier + "'"))
                .isFalse();
        assertThat(adminBoolean("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = '" + identifier + "')"))
                .isFalse();
        // nor disabled or dropped when that tenant goes away
        assertThatThrownBy(() -> service.disableLogin(tenant)).isInstanceOf(DatabaseOperationException.class);
        assertThatThrownBy(() -> service.drop(tenant)).isInstanceOf(DatabaseOperationException.class);
        assertThat(adminBoolean("SELECT rolsuper FROM pg_roles WHERE rolname = '" + identifier + "'"))
                .isTrue();
        tenants.remove(tenant);
    }

    // ------------------------------------------------------------------------------------------ input safety

    @Test
    void namesWithSqlMetacharactersAreRefusedBeforeReachingSql() {
        AtomicInteger touched = new AtomicInteger();
        TenantDatabaseService guarded =
                new TenantDatabaseService(dataSourceThatCounts(touched), "jdbc:postgresql://db.example:5432/app");
        List<String> evil = List.of(
                "acme\"; DROP ROLE postgres; --",
                "acme'",
                "ac me",
                "ACME",
                "acme;",
                "a",
                "tenant_acme",
                "acme-",
                "neoforge-x",
                "postgres",
                "public",
                "");

        for (String name : evil) {
            assertThatThrownBy(() -> guarded.apply(TenantDatabase.of(name, "pw", 1, true)))
                    .as(name)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> guarded.drop(name)).as(name).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> guarded.disableLogin(name)).as(name).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> guarded.exists(name)).as(name).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> guarded.reserveDeletion(name, "uid", 10, Duration.ofHours(1)))
                    .as(name)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new TenantDatabase("acme", "tenant_acme\"", "tenant_acme", "pw", 1, true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TenantDatabaseService.quote("x\" OR \"1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(TenantDatabaseService.quote("tenant_acme")).isEqualTo("\"tenant_acme\"");
        assertThat(touched).as("connections asked for").hasValue(0);
    }

    @Test
    void toStringNeverShowsThePassword() {
        TenantDatabase db = TenantDatabase.of("acme", "s3cr3t-Pa55word", 5, true);
        assertThat(db.toString()).doesNotContain("s3cr3t-Pa55word").contains("tenant_acme");
    }

    @Test
    void thePasswordNeverReachesTheServerInClear() throws SQLException {
        TenantDatabase db = applied(newTenant("acme"), 5, true);
        assertThat(adminString("SELECT rolpassword FROM pg_authid WHERE rolname = '" + db.role() + "'"))
                .startsWith("SCRAM-SHA-256$")
                .doesNotContain(db.password());
    }

    // ------------------------------------------------------------------------------------------ outages, endpoint

    @Test
    void anOutageGivesDatabaseUnavailableQuicklyAndTheSameServiceRecoversAfterwards() throws SQLException {
        String tenant = newTenant("acme");
        String password = "pw-" + suffix();
        try (TcpProxy proxy = TcpProxy.start(postgres.host(), postgres.port());
                AgroalDataSource pool = postgres.pooledDataSource(proxyUrl(proxy))) {
            TenantDatabaseService viaProxy = new TenantDatabaseService(pool);
            viaProxy.apply(TenantDatabase.of(tenant, password, 5, true));
            assertThat(viaProxy.endpoint())
                    .isEqualTo(new DatabaseEndpoint("127.0.0.1", proxy.port(), postgres.database()));

            proxy.cut();
            long start = System.nanoTime();
            DatabaseUnavailableException outage = catchThrowableOfType(
                    DatabaseUnavailableException.class,
                    () -> viaProxy.apply(TenantDatabase.of(tenant, password, 5, true)));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(outage).as("DatabaseUnavailableException").isNotNull();
            assertThat(took).isLessThan(Duration.ofSeconds(10));
            assertThat(outage.getMessage())
                    .contains("127.0.0.1:" + proxy.port())
                    .doesNotContain(password)
                    .containsIgnoringCase("unavailable");
            assertThatThrownBy(() -> viaProxy.exists(tenant)).isInstanceOf(DatabaseUnavailableException.class);
            assertThatThrownBy(() -> viaProxy.deletionsSince(Instant.now()))
                    .isInstanceOf(DatabaseUnavailableException.class);

            proxy.restore();
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(200))
                    .ignoreException(DatabaseUnavailableException.class)
                    .until(() -> viaProxy.exists(tenant));
            viaProxy.apply(TenantDatabase.of(tenant, password, 6, true));
            assertThat(adminString("SELECT rolconnlimit::text FROM pg_roles WHERE rolname = '"
                            + TenantNames.databaseIdentifier(tenant) + "'"))
                    .isEqualTo("6");
        }
    }

    @Test
    void theServiceIsCreatedWithoutTouchingTheDatabaseAndAnUnreachableServerIsReportedAsUnavailable() {
        TenantDatabaseService unreachable;
        try (TcpProxy proxy = TcpProxy.start(postgres.host(), postgres.port())) {
            proxy.cut();
            String url = proxyUrl(proxy);
            AgroalDataSource pool = postgres.pooledDataSource(url);
            unreachable = new TenantDatabaseService(pool, url);
            assertThat(unreachable.endpoint().port()).isEqualTo(proxy.port());
            assertThatThrownBy(() -> unreachable.reserveDeletion("acme", "uid", 10, Duration.ofHours(1)))
                    .isInstanceOf(DatabaseUnavailableException.class)
                    .hasMessageContaining("127.0.0.1:" + proxy.port());
            pool.close();
        }
    }

    @Test
    void endpointComesFromTheJdbcUrlWithOverridesForTenants() {
        TenantDatabaseService svc = new TenantDatabaseService(
                dataSourceThatCounts(new AtomicInteger()),
                "jdbc:postgresql://pg-primary.internal:6543,pg-replica:5432/saas?sslmode=require&password=hunter2");
        assertThat(svc.endpoint()).isEqualTo(new DatabaseEndpoint("pg-primary.internal", 6543, "saas"));

        svc.setTenantEndpointOverride("db.tenants.example", 5432);
        assertThat(svc.endpoint()).isEqualTo(new DatabaseEndpoint("db.tenants.example", 5432, "saas"));
        assertThat(TenantDatabaseService.parseJdbcUrl("jdbc:postgresql://[::1]/x"))
                .isEqualTo(new DatabaseEndpoint("::1", 5432, "x"));
        assertThat(service.endpoint().database()).isEqualTo(postgres.database());
    }

    @Test
    void otherSqlFailuresAreReportedWithTheirSqlStateAndLeaveNothingHalfDone() throws SQLException {
        TenantDatabase db = applied(newTenant("acme"), 5, true);
        // the role owns an object in another database: PostgreSQL refuses to drop it (2BP01)
        String otherDb = "neoforge_test_" + suffix();
        admin("CREATE DATABASE \"" + otherDb + "\"");
        String otherUrl = postgres.jdbcUrl().replaceFirst("/" + postgres.database() + "(\\?|$)", "/" + otherDb + "$1");
        try {
            try (AgroalDataSource other = postgres.adminPooledDataSource(otherUrl);
                    Connection c = other.getConnection()) {
                exec(c, "CREATE TABLE elsewhere (v text)");
                exec(c, "ALTER TABLE elsewhere OWNER TO \"" + db.role() + "\"");
            }

            DatabaseOperationException failure =
                    catchThrowableOfType(DatabaseOperationException.class, () -> service.drop(db.tenant()));

            assertThat(failure).isNotNull();
            assertThat(failure.sqlState()).isEqualTo("2BP01");
            assertThat(failure.getMessage()).contains("SQLState 2BP01").contains(db.tenant());
            // one transaction: the schema is still there
            assertThat(adminBoolean("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = '" + db.schema() + "')"))
                    .isTrue();
        } finally {
            admin("DROP DATABASE IF EXISTS \"" + otherDb + "\" WITH (FORCE)");
        }
    }

    @Test
    void tenantsConnectThroughOneGroupSoTheDatabaseAclDoesNotGrowWithTenants() throws SQLException {
        TenantDatabase a = applied(newTenant("alpha"), 5, true);
        TenantDatabase b = applied(newTenant("bravo"), 5, true);

        String acl = adminString("SELECT datacl::text FROM pg_database WHERE datname = current_database()");
        assertThat(acl).contains(TenantDatabaseService.TENANT_GROUP + "=c/").doesNotContain("tenant_");
        assertThat(adminBoolean("SELECT NOT EXISTS (SELECT 1 FROM pg_database d, aclexplode(d.datacl) a"
                        + " WHERE d.datname = current_database() AND a.grantee = 0)"))
                .as("PUBLIC has no privilege")
                .isTrue();
        assertThat(adminBoolean("SELECT pg_has_role('" + a.role() + "', '" + TenantDatabaseService.TENANT_GROUP
                        + "', 'MEMBER')"))
                .isTrue();
        assertThat(adminBoolean("SELECT rolcanlogin FROM pg_roles WHERE rolname = '"
                        + TenantDatabaseService.TENANT_GROUP + "'"))
                .isFalse();
        try (Connection c = connect(b)) {
            assertThat(queryString(c, "SELECT current_user")).isEqualTo(b.role());
            if (Integer.parseInt(queryString(c, "SHOW server_version_num")) >= 160000) {
                // the membership only lends CONNECT: a tenant cannot act as the group
                assertSqlState(() -> exec(c, "SET ROLE \"" + TenantDatabaseService.TENANT_GROUP + "\""), "42501");
            }
        }
    }

    @Test
    void aDirectConnectGrantFromAnEarlierVersionIsReplacedByTheGroup() throws SQLException {
        TenantDatabase db = applied(newTenant("acme"), 5, true);
        admin("GRANT CONNECT ON DATABASE \"" + postgres.database() + "\" TO \"" + db.role() + "\"");
        assertThat(adminString("SELECT datacl::text FROM pg_database WHERE datname = current_database()"))
                .contains(db.role());

        service.apply(db);

        assertThat(adminString("SELECT datacl::text FROM pg_database WHERE datname = current_database()"))
                .doesNotContain(db.role());
        try (Connection c = connect(db)) {
            assertThat(queryString(c, "SELECT current_schema()")).isEqualTo(db.schema());
        }
    }

    @Test
    void aGroupRoleThatWouldGiveTenantsMoreThanConnectIsRefused() throws SQLException {
        applied(newTenant("first"), 5, true); // the group exists
        String group = "\"" + TenantDatabaseService.TENANT_GROUP + "\"";
        admin("ALTER ROLE " + group + " CREATEDB");
        try {
            String tenant = newTenant("acme");
            DatabaseOperationException failure = catchThrowableOfType(
                    DatabaseOperationException.class,
                    () -> new TenantDatabaseService(postgres.operatorDataSource())
                            .apply(TenantDatabase.of(tenant, "pw-" + suffix(), 5, true)));
            assertThat(failure).isNotNull();
            assertThat(failure.getMessage()).contains("refusing to use role " + TenantDatabaseService.TENANT_GROUP);
            assertThat(adminBoolean("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '"
                            + TenantNames.databaseIdentifier(tenant) + "')"))
                    .isFalse();
            // also when the group was fine when this service last looked
            assertThat(catchThrowableOfType(
                            DatabaseOperationException.class,
                            () -> service.apply(TenantDatabase.of(tenant, "pw-" + suffix(), 5, true))))
                    .isNotNull();
        } finally {
            admin("ALTER ROLE " + group + " NOCREATEDB");
        }
        applied(newTenant("after"), 5, true);
    }

    @Test
    void manyTenantsAppliedConcurrentlyAllSucceed() throws Exception {
        List<TenantDatabase> wanted = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            wanted.add(TenantDatabase.of(newTenant("burst" + i), "pw-" + suffix(), 5, true));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (TenantDatabase db : wanted) {
                results.add(pool.submit(() -> service.apply(db)));
            }
            for (Future<?> result : results) {
                result.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (TenantDatabase db : wanted) {
            try (Connection c = connect(db)) {
                assertThat(queryString(c, "SELECT current_schema()")).isEqualTo(db.schema());
            }
        }
    }

    @Test
    void aFailureInsideTheBatchIsReportedWithTheServersErrorWithoutTheVerifierAndLeavesNothingHalfDone()
            throws SQLException {
        String tenant = newTenant("acme");
        TenantDatabase db = TenantDatabase.of(tenant, "pw-" + suffix(), 5, true);
        String trigger = "neoforge_test_refuse_" + suffix();
        // PostgreSQL itself refuses one statement in the middle of the batch (the first default-privileges change)
        admin("CREATE FUNCTION " + trigger + "() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " IF current_query() LIKE '%" + db.role() + "%' THEN"
                + " RAISE EXCEPTION 'refused by the test' USING ERRCODE = '42501'; END IF; END $$");
        admin("CREATE EVENT TRIGGER " + trigger + " ON ddl_command_start WHEN TAG IN ('ALTER DEFAULT PRIVILEGES')"
                + " EXECUTE FUNCTION " + trigger + "()");
        try {
            DatabaseOperationException failure =
                    catchThrowableOfType(DatabaseOperationException.class, () -> service.apply(db));

            assertThat(failure).isNotNull();
            assertThat(failure.sqlState()).isEqualTo("42501");
            assertThat(failure.getMessage())
                    .contains("refused by the test")
                    .contains(tenant)
                    .doesNotContainIgnoringCase("scram")
                    .doesNotContainIgnoringCase("password");
            // one transaction: neither the role nor the schema made it
            assertThat(adminBoolean("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + db.role() + "')"))
                    .isFalse();
            assertThat(adminBoolean("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = '" + db.schema() + "')"))
                    .isFalse();
        } finally {
            admin("DROP EVENT TRIGGER IF EXISTS " + trigger);
            admin("DROP FUNCTION IF EXISTS " + trigger + "()");
        }
        service.apply(db);
        assertThat(adminBoolean("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = '" + db.schema() + "')"))
                .isTrue();
    }

    // ------------------------------------------------------------------------------------------ deletion budget

    @Test
    void deletionBudgetCountsRecordedDeletionsInTheWindowAndSurvivesANewServiceInstance() throws SQLException {
        Instant windowStart = Instant.now().minus(Duration.ofHours(1));
        int before = service.deletionsSince(windowStart);
        int limit = before + 2;

        String first = newTenant("gone");
        assertThat(service.reserveDeletion(first, "uid-" + first, limit, Duration.ofHours(1))
                        .granted())
                .isTrue();
        // a retried cleanup of the same tenant is let through and counts once
        assertThat(service.reserveDeletion(first, "uid-" + first, limit, Duration.ofHours(1))
                        .granted())
                .isTrue();
        String second = newTenant("gone");
        assertThat(service.reserveDeletion(second, "uid-" + second, limit, Duration.ofHours(1)))
                .isEqualTo(new TenantDatabaseService.DeletionReservation(true, before + 2));
        String third = newTenant("gone");
        assertThat(service.reserveDeletion(third, "uid-" + third, limit, Duration.ofHours(1)))
                .isEqualTo(new TenantDatabaseService.DeletionReservation(false, before + 2));
        // and the ones granted stay granted, also once the budget is spent
        assertThat(service.reserveDeletion(second, "uid-" + second, limit, Duration.ofHours(1))
                        .granted())
                .isTrue();

        assertThat(service.deletionsSince(windowStart)).isEqualTo(before + 2);
        assertThat(service.deletionsSince(Instant.now().plus(Duration.ofHours(1))))
                .isZero();
        TenantDatabaseService afterRestart = new TenantDatabaseService(postgres.operatorDataSource());
        assertThat(afterRestart.deletionsSince(windowStart)).isEqualTo(before + 2);
        assertThat(afterRestart
                        .reserveDeletion(third, "uid-" + third, limit, Duration.ofHours(1))
                        .granted())
                .isFalse();
        assertThat(adminString("SELECT count(*)::text FROM neoforge_operator.tenant_deletions WHERE uid = 'uid-" + third
                        + "'"))
                .isEqualTo("0");
    }

    @Test
    void theDeletionBudgetHoldsWhenTenReconciliationThreadsReserveAtOnce() throws Exception {
        // a budget of 10 with 6 spent, 15 tenants deleted at once by 10 threads (the operator's setting), each
        // through its own service instance as if from two operator replicas: exactly 4 may go
        Duration window = Duration.ofHours(1);
        int spent = service.deletionsSince(Instant.now().minus(window));
        int limit = spent + 10;
        for (int i = 0; i < 6; i++) {
            String filler = newTenant("spent" + i);
            assertThat(service.reserveDeletion(filler, "uid-" + filler, limit, window)
                            .granted())
                    .isTrue();
        }
        TenantDatabaseService replica = new TenantDatabaseService(postgres.operatorDataSource());
        List<String> burst = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            burst.add(newTenant("burst" + i));
        }
        ExecutorService threads = Executors.newFixedThreadPool(10);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<Future<Boolean>> granted = new ArrayList<>();
        try {
            for (int i = 0; i < burst.size(); i++) {
                String tenant = burst.get(i);
                TenantDatabaseService via = i % 2 == 0 ? service : replica;
                granted.add(threads.submit(() -> {
                    start.await();
                    return via.reserveDeletion(tenant, "uid-" + tenant, limit, window)
                            .granted();
                }));
            }
            start.countDown();
            int yes = 0;
            for (Future<Boolean> result : granted) {
                if (result.get(60, TimeUnit.SECONDS)) {
                    yes++;
                }
            }
            assertThat(yes).as("deletions granted").isEqualTo(4);
        } finally {
            threads.shutdownNow();
        }
        assertThat(service.deletionsSince(Instant.now().minus(window))).isEqualTo(spent + 10);
        StringBuilder uids = new StringBuilder();
        for (String tenant : burst) {
            uids.append(uids.length() == 0 ? "" : ",")
                    .append("'uid-")
                    .append(tenant)
                    .append("'");
        }
        assertThat(adminString(
                        "SELECT count(*)::text FROM neoforge_operator.tenant_deletions WHERE uid IN (" + uids + ")"))
                .isEqualTo("4");
    }

    @Test
    void theOperatorsTablesComeFromFlywayInASchemaTheOperatorsLoginOwns() throws SQLException {
        service.deletionsSince(Instant.now()); // the first use migrates
        assertThat(adminString(
                        "SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'neoforge_operator'"))
                .isEqualTo(TestPostgres.OPERATOR_ROLE);
        assertThat(adminString("SELECT tableowner FROM pg_tables WHERE schemaname = 'neoforge_operator'"
                        + " AND tablename = 'tenant_deletions'"))
                .isEqualTo(TestPostgres.OPERATOR_ROLE);
        assertThat(adminString("SELECT string_agg(version, ',' ORDER BY installed_rank) FROM"
                        + " neoforge_operator.flyway_schema_history WHERE success AND version <> '0'"))
                .isEqualTo("1");
        // no tenant sees the bookkeeping
        TenantDatabase db = applied(newTenant("nosy"), 5, true);
        try (Connection c = connect(db)) {
            assertSqlState(() -> exec(c, "SELECT * FROM neoforge_operator.tenant_deletions"), "42501");
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    private String newTenant(String prefix) {
        String tenant = prefix + "-" + suffix();
        tenants.add(tenant);
        return tenant;
    }

    private static String suffix() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return s.toString();
    }

    private TenantDatabase applied(String tenant, int connectionLimit, boolean loginEnabled) {
        TenantDatabase db = TenantDatabase.of(
                tenant, "pw-" + suffix() + "-" + suffix().toUpperCase(Locale.ROOT), connectionLimit, loginEnabled);
        service.apply(db);
        return db;
    }

    private static Connection connect(TenantDatabase db) throws SQLException {
        return postgres.connectAs(db.role(), db.password());
    }

    private static String proxyUrl(TcpProxy proxy) {
        return "jdbc:postgresql://" + proxy.host() + ":" + proxy.port() + "/" + postgres.database();
    }

    /** Role, schema owner and ACLs, default privileges and role settings: what apply() writes. */
    private static String snapshot(TenantDatabase db) throws SQLException {
        return adminString("SELECT concat_ws(' | ',"
                + " (SELECT row(rolcanlogin, rolconnlimit, rolconfig)::text FROM pg_roles WHERE rolname = '" + db.role()
                + "'),"
                + " (SELECT row(pg_get_userbyid(nspowner), nspacl)::text FROM pg_namespace WHERE nspname = '"
                + db.schema() + "'),"
                + " (SELECT datacl::text FROM pg_database WHERE datname = current_database()),"
                + " (SELECT string_agg(row(defaclnamespace::regnamespace, defaclobjtype, defaclacl)::text, ';'"
                + "    ORDER BY defaclnamespace, defaclobjtype) FROM pg_default_acl"
                + "    WHERE defaclrole = '" + db.role() + "'::regrole))");
    }

    /** On 16+ the operator's membership in the roles it created lends no privileges; this test wants them. */
    private static void grantOperatorInheritance(String role) throws SQLException {
        if (postgres.serverVersion() >= 160000) {
            admin("GRANT \"" + role + "\" TO " + TestPostgres.OPERATOR_ROLE + " WITH INHERIT TRUE");
        }
    }

    private static void assumePasswordsAreChecked() throws SQLException {
        String probe = "probe_" + suffix();
        admin("CREATE ROLE \"" + probe + "\" LOGIN PASSWORD 'right'; GRANT CONNECT ON DATABASE \"" + postgres.database()
                + "\" TO \"" + probe + "\"");
        try {
            boolean wrongPasswordAccepted;
            try (Connection c = postgres.connectAs(probe, "wrong")) {
                wrongPasswordAccepted = true;
            } catch (SQLException e) {
                wrongPasswordAccepted = false;
            }
            Assumptions.assumeFalse(
                    wrongPasswordAccepted, "the server trusts loopback logins: passwords are not checked");
        } finally {
            admin("REVOKE ALL ON DATABASE \"" + postgres.database() + "\" FROM \"" + probe + "\"; DROP ROLE \"" + probe
                    + "\"");
        }
    }

    private static void assertSqlState(SqlAction action, String sqlState) {
        SQLException e = catchThrowableOfType(SQLException.class, action::run);
        assertThat((Throwable) e).as("expected SQLState " + sqlState).isNotNull();
        assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo(sqlState);
    }

    @FunctionalInterface
    interface SqlAction {
        void run() throws SQLException;
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static String queryString(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = postgres.adminDataSource().getConnection()) {
            exec(c, sql);
        }
    }

    private static String adminString(String sql) throws SQLException {
        try (Connection c = postgres.adminDataSource().getConnection()) {
            return queryString(c, sql);
        }
    }

    private static boolean adminBoolean(String sql) throws SQLException {
        try (Connection c = postgres.adminDataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static DataSource dataSourceThatCounts(AtomicInteger touched) {
        return (DataSource) Proxy.newProxyInstance(
                DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        touched.incrementAndGet();
                        throw new SQLException("no database in this test", "08001");
                    }
                    if (method.getName().equals("toString")) {
                        return "counting DataSource";
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
