package io.neoforge.benchmarks;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.neoforge.sandbox.ClusterSimulator;
import io.neoforge.sandbox.EmbeddedPostgresServer;
import io.neoforge.sandbox.SandboxApiServer;
import io.neoforge.sandbox.admission.SchemaAdmission;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The embedded default, exactly as the sandbox's launcher starts it beside the production operator (in-process API
 * server with schema admission, CRDs and sample plans; cluster simulator; embedded PostgreSQL), plus what counts from
 * the outside: a {@link CountingProxy} in front of the API server and pg_stat_statements in PostgreSQL.
 *
 * <p>
 * pg_stat_statements must be preloaded, and {@link EmbeddedPostgresServer#start} takes no server settings: the runner
 * starts it once on a data directory of its own, sets {@code shared_preload_libraries} with ALTER SYSTEM (written to
 * postgresql.auto.conf), stops it and starts it again on the same directory. Every other setting is the sandbox's.
 */
final class Infra implements AutoCloseable {
    final SandboxApiServer api;
    final ClusterSimulator simulator;
    final EmbeddedPostgresServer postgres;
    final Path pgData;
    final CountingProxy proxy;
    /** The benchmark's own client (tenant creation, observation): straight to the API server, not counted. */
    final KubernetesClient direct;

    private final Connection stats;

    private Infra(
            SandboxApiServer api,
            ClusterSimulator simulator,
            EmbeddedPostgresServer postgres,
            Path pgData,
            CountingProxy proxy,
            Connection stats) {
        this.api = api;
        this.simulator = simulator;
        this.postgres = postgres;
        this.pgData = pgData;
        this.proxy = proxy;
        this.direct = api.newClient();
        this.stats = stats;
    }

    /**
     * @param tenants how many tenants the run creates: pg_stat_statements keeps one entry per distinct statement text,
     *     and every tenant's DDL names its own role and schema, so the table must hold about 15 entries per tenant or
     *     it evicts entries and undercounts
     */
    static Infra start(int tenants) throws Exception {
        SandboxApiServer api = new SandboxApiServer().start();
        api.setAdmission(new SchemaAdmission());
        api.applyCrdsFromClasspath();
        api.applySamplesFromClasspath();
        ClusterSimulator simulator = new ClusterSimulator(api.newClient()).start();
        Path base = Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg");
        Files.createDirectories(base);
        Path dir = Files.createTempDirectory(base, "neoforge-bench-");
        EmbeddedPostgresServer first = EmbeddedPostgresServer.start(dir, 0);
        try (Connection c = connect(first);
                Statement st = c.createStatement()) {
            st.execute("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'");
            st.execute("ALTER SYSTEM SET pg_stat_statements.max = " + Math.max(10_000, 20 * (tenants + 100)));
        }
        first.stop();
        EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dir, 0);
        Connection stats = connect(pg);
        try (Statement st = stats.createStatement()) {
            st.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        }
        CountingProxy proxy = new CountingProxy(api.port());
        return new Infra(api, simulator, pg, dir, proxy, stats);
    }

    static Connection connect(EmbeddedPostgresServer pg) throws SQLException {
        return DriverManager.getConnection(
                pg.jdbcUrl() + "?ApplicationName=neoforge-bench-counter", pg.username(), pg.password());
    }

    /** A Fabric8 client that goes through the counting proxy (the floor's client: Fabric8's defaults, like the operator's). */
    KubernetesClient proxiedClient() {
        Config config =
                new ConfigBuilder(api.config()).withMasterUrl(proxy.url()).build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    void resetStatements() throws SQLException {
        try (Statement st = stats.createStatement()) {
            st.execute("SELECT pg_stat_statements_reset()");
        }
    }

    /** Statement entries pg_stat_statements evicted since the last reset: when not zero, the counts are too low. */
    long evictedStatementEntries() throws SQLException {
        try (Statement st = stats.createStatement();
                ResultSet rs = st.executeQuery("SELECT dealloc FROM pg_stat_statements_info")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** Executions per statement text since the last reset, without the counter's own statements. */
    Map<String, Long> statements() throws SQLException {
        Map<String, Long> m = new LinkedHashMap<>();
        try (Statement st = stats.createStatement();
                ResultSet rs = st.executeQuery("SELECT query, sum(calls)::bigint FROM pg_stat_statements"
                        + " WHERE query NOT ILIKE '%pg_stat_statements%' GROUP BY query ORDER BY 2 DESC")) {
            while (rs.next()) {
                m.put(rs.getString(1).replaceAll("\\s+", " "), rs.getLong(2));
            }
        }
        return m;
    }

    /**
     * Server-side execution time since the last reset (pg_stat_statements total_exec_time): all statements, the
     * wait for the operator's DDL advisory lock (pg_advisory_xact_lock), and the slowest statement kinds.
     */
    Map<String, Object> timing() throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        try (Statement st = stats.createStatement();
                ResultSet rs = st.executeQuery("SELECT coalesce(sum(total_exec_time), 0),"
                        + " coalesce(sum(total_exec_time) FILTER (WHERE query ILIKE '%pg_advisory_xact_lock%'), 0)"
                        + " FROM pg_stat_statements WHERE query NOT ILIKE '%pg_stat_statements%'")) {
            rs.next();
            m.put("totalExecMs", Math.round(rs.getDouble(1)));
            m.put("advisoryLockWaitMs", Math.round(rs.getDouble(2)));
        }
        Map<String, Long> slowest = new LinkedHashMap<>();
        try (Statement st = stats.createStatement();
                ResultSet rs =
                        st.executeQuery("SELECT regexp_replace(query, '\"tenant_[a-z0-9_]+\"', '<tenant>', 'g') q,"
                                + " sum(total_exec_time) FROM pg_stat_statements WHERE query NOT ILIKE '%pg_stat_statements%'"
                                + " GROUP BY q ORDER BY 2 DESC LIMIT 8")) {
            while (rs.next()) {
                String q = rs.getString(1).replaceAll("\\s+", " ");
                slowest.put(q.length() > 120 ? q.substring(0, 117) + "..." : q, Math.round(rs.getDouble(2)));
            }
        }
        m.put("slowestMs", slowest);
        return m;
    }

    static long total(Map<String, Long> statements) {
        return statements.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public void close() {
        try {
            stats.close();
        } catch (SQLException ignored) {
            // closing
        }
        proxy.close();
        simulator.close();
        direct.close();
        api.close();
        postgres.stop();
        try (Stream<Path> files = Files.walk(pgData)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort
        }
    }
}
