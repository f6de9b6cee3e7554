package io.neoforge.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.neoforge.api.v1alpha1.plan.Plan;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.api.v1alpha1.tenant.TenantAdmin;
import io.neoforge.api.v1alpha1.tenant.TenantSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The benchmark runner. For every N: the floor (a plain loop, no operator) and then the operator, each on a fresh
 * embedded default; every figure of the operator is printed next to the floor measured in the same run.
 */
public final class BenchMain {
    /** The operator's quarkus.operator-sdk.concurrent-reconciliation-threads (application.properties). */
    static final int RECONCILE_THREADS = 10;
    /** operator/src/main/resources/application.properties: quarkus.datasource.jdbc.max-size=8. */
    static final int POOL_SIZE = 8;
    /**
     * Tenants created (and kept) before each measurement, on both sides, so that the operator, a new process for every
     * run, is measured as warm as the floor, whose code runs in this long-lived JVM: a cold operator spends about as
     * much CPU on JIT compilation as on reconciling in a burst of 1,000 tenants (JFR: 71 s of compile time).
     */
    static final int WARMUP_TENANTS = Integer.getInteger("bench.warmupTenants", 200);
    /** Threads that create the Tenants ("at once"), the same for floor and operator. */
    static final int CREATOR_THREADS = 8;

    private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path out;
    private final Path operatorApp;
    private final long quietSeconds = Long.getLong("bench.quietSeconds", 15);

    private BenchMain(Path out, Path operatorApp) {
        this.out = out;
        this.operatorApp = operatorApp;
    }

    public static void main(String[] args) throws Exception {
        List<Integer> ns = new ArrayList<>();
        for (String s : System.getProperty("bench.n", "100,1000").split(",")) {
            if (!s.isBlank()) {
                ns.add(Integer.parseInt(s.trim().replace("_", "")));
            }
        }
        if (Boolean.parseBoolean(System.getProperty("bench.large", "false")) && !ns.contains(10_000)) {
            ns.add(10_000);
        }
        Path out = Path.of(System.getProperty("bench.out", "target")).toAbsolutePath();
        Path built = Path.of(System.getProperty("bench.operatorApp", "../operator/target/quarkus-app"))
                .toAbsolutePath();
        if (!Files.exists(built.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException(
                    "no operator build at " + built
                            + ": run mvn -B -Pbench -pl benchmarks -am verify -DskipTests (it builds the production operator first)");
        }
        // a copy of our own, so that a concurrent rebuild of the operator cannot change the jar under a running
        // benchmark
        Path app = out.resolve("operator-app");
        copyTree(built, app);
        Files.createDirectories(out);
        BenchMain bench = new BenchMain(out, app);

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("started", Instant.now().toString());
        report.put("machine", Machine.describe());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put(
                "reconcileThreads (operator: concurrent-reconciliation-threads; floor: worker pool)",
                RECONCILE_THREADS);
        settings.put("connectionPool (operator: Agroal max-size; floor: simple pool)", POOL_SIZE);
        settings.put("creatorThreads", CREATOR_THREADS);
        settings.put("warmupTenants (created and kept before each measurement, both sides)", WARMUP_TENANTS);
        settings.put("clusterSimulatorDelayMs", 200);
        settings.put(
                "readyMeans",
                "operator and floor alike: every object and the database applied, and the app Deployment"
                        + " available (set by the cluster simulator); the floor then writes status + Event");
        settings.put("quietWindowSeconds", bench.quietSeconds);
        settings.put(
                "sqlCounter", "pg_stat_statements (calls, every statement incl. utility, minus the counter's own)");
        settings.put("apiCounter", "counting reverse proxy in front of the in-process API server");
        report.put("settings", settings);
        List<Map<String, Object>> runs = new ArrayList<>();
        report.put("runs", runs);
        Map<Integer, long[][]> timelines = new LinkedHashMap<>();
        for (int n : ns) {
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("n", n);
            runs.add(run);
            log("=== N = %d: floor", n);
            Map<String, Object> floor = bench.floor(n);
            run.put("floor", floor);
            log("=== N = %d: operator", n);
            Map<String, Object> operator = bench.operator(n);
            run.put("operator", operator);
            double ratio = ((Number) operator.get("convergenceSeconds")).doubleValue()
                    / ((Number) floor.get("convergenceSeconds")).doubleValue();
            run.put("ratioOperatorToFloor", round(ratio, 2));
            timelines.put(n, new long[][] {(long[]) floor.remove("_timeline"), (long[]) operator.remove("_timeline")});
            Report.write(out, report);
            log(
                    "N = %d: operator %.2f s, floor %.2f s, ratio %.2f",
                    n, operator.get("convergenceSeconds"), floor.get("convergenceSeconds"), ratio);
        }
        report.put("finished", Instant.now().toString());
        int largest = Collections.max(ns);
        Path chart = Report.chart(
                out.resolve("benchmark-ready-over-time.png"),
                largest,
                timelines.get(largest)[0],
                timelines.get(largest)[1]);
        report.put("chart", chart.toString());
        Report.write(out, report);
        System.out.println(Report.markdown(report));
        System.out.flush();
        System.exit(0);
    }

    /** {@code -Dbench.operatorJvmArgs="..."}: extra JVM options of the operator, e.g. a JFR recording to profile it. */
    private static List<String> operatorJvmArgs() {
        String args = System.getProperty("bench.operatorJvmArgs", "").trim();
        return args.isEmpty() ? List.of() : Arrays.asList(args.split("\\s+"));
    }

    // ------------------------------------------------------------------------------------------------ floor

    private Map<String, Object> floor(int n) throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        try (Infra infra = Infra.start(n);
                Watch watch = new Watch(infra.direct);
                KubernetesClient client = infra.proxiedClient();
                SimplePool pool = new SimplePool(infra.postgres.jdbcUrl(), "postgres", "", POOL_SIZE)) {
            Floor floor = new Floor(client, pool);
            ExecutorService workers = Executors.newFixedThreadPool(RECONCILE_THREADS);
            AtomicInteger failures = new AtomicInteger();
            AtomicReference<Throwable> firstFailure = new AtomicReference<>();
            Consumer<Tenant> provision = t -> workers.submit(() -> {
                try {
                    floor.provision(t);
                    watch.whenAvailable(
                            t.namespaceName(),
                            () -> workers.submit(() -> {
                                try {
                                    floor.publishReady(t);
                                } catch (RuntimeException e) {
                                    failures.incrementAndGet();
                                    firstFailure.compareAndSet(null, e);
                                }
                            }));
                } catch (RuntimeException e) {
                    failures.incrementAndGet();
                    firstFailure.compareAndSet(null, e);
                }
            });
            // warm-up outside the measurement, through the same path (class loading, JIT, connections)
            converge(infra, watch, WARMUP_TENANTS, "warm", provision, -1);
            watch.readyAt.clear();
            failures.set(0);
            firstFailure.set(null);
            infra.resetStatements();
            Map<String, Long> before = infra.proxy.snapshot();
            Map<String, Object> conv = converge(infra, watch, n, "fl", provision, -1);
            Map<String, Long> requests = CountingProxy.delta(before, infra.proxy.snapshot());
            Map<String, Long> sql = infra.statements();
            r.putAll(conv);
            r.put("failures", failures.get());
            if (firstFailure.get() != null) {
                r.put("firstFailure", String.valueOf(firstFailure.get()));
            }
            r.put("apiWritesPerTenant", round(CountingProxy.writesIn(requests) / (double) n, 2));
            r.put("sqlStatementsPerTenant", round(Infra.total(sql) / (double) n, 2));
            r.put("sqlEntriesEvicted", infra.evictedStatementEntries());
            r.put("apiRequests", requests);
            r.put("sqlTop", top(sql, 25));
            r.put("sqlTiming", infra.timing());
            workers.shutdownNow();
        }
        return r;
    }

    // ------------------------------------------------------------------------------------------------ operator

    private Map<String, Object> operator(int n) throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        try (Infra infra = Infra.start(n);
                Watch watch = new Watch(infra.direct)) {
            Path log = out.resolve("operator-n" + n + ".log");
            Files.deleteIfExists(log);
            OperatorProcess op = new OperatorProcess(
                    operatorApp, infra.proxy.url(), infra.postgres.jdbcUrl(), log, operatorJvmArgs());
            try {
                op.start();
                // warm-up: the same tenants as the floor's through the whole path, then the memory baseline
                converge(infra, watch, WARMUP_TENANTS, "warm", t -> {}, op.pid());
                awaitQuiet(infra, 3, 60);
                OperatorProcess.Memory base = op.memory();
                r.put("heapAfterGcBytesBaseline", base.heapUsedBytes());
                r.put("rssBytesBaseline", base.rssBytes());
                long baseLive = op.liveHeapBytes(null, 0);
                r.put("liveHeapBytesBaseline", baseLive);
                watch.readyAt.clear();

                // 1. convergence
                infra.resetStatements();
                Map<String, Long> before = infra.proxy.snapshot();
                r.putAll(converge(infra, watch, n, "op", t -> {}, op.pid()));
                awaitQuiet(infra, 3, 120);
                Map<String, Long> requests = CountingProxy.delta(before, infra.proxy.snapshot());
                Map<String, Long> sql = infra.statements();
                r.put("apiWritesPerTenant", round(CountingProxy.writesIn(requests) / (double) n, 2));
                r.put("sqlStatementsPerTenant", round(Infra.total(sql) / (double) n, 2));
                r.put("sqlEntriesEvicted", infra.evictedStatementEntries());
                r.put("apiRequests", requests);
                r.put("apiWriteFailures", infra.proxy.failureSnapshot());
                r.put("sqlTop", top(sql, 25));
                r.put("sqlTiming", infra.timing());

                // 2. steady state: a quiet window, then a full resync (operator restart: every informer relists, every
                // Tenant is reconciled again)
                infra.resetStatements();
                before = infra.proxy.snapshot();
                Thread.sleep(quietSeconds * 1000);
                Map<String, Long> quiet = CountingProxy.delta(before, infra.proxy.snapshot());
                Map<String, Long> quietSql = infra.statements();
                Map<String, Object> steady = new LinkedHashMap<>();
                steady.put("quietWindowApiWrites", CountingProxy.writesIn(quiet));
                steady.put("quietWindowSqlStatements", Infra.total(quietSql));
                steady.put("quietWindowWrites", CountingProxy.writesOnly(quiet));
                steady.put("quietWindowSql", top(quietSql, 10));

                op.stop();
                infra.resetStatements();
                before = infra.proxy.snapshot();
                long t0 = System.nanoTime();
                op.start();
                long readyTenants = n + WARMUP_TENANTS;
                boolean done = waitFor(() -> op.tenantsInPhase("Ready") >= readyTenants, 60 + n / 10);
                double resyncSeconds = (System.nanoTime() - t0) / 1e9;
                Thread.sleep(5000); // whatever the resync would still write
                Map<String, Long> resync = CountingProxy.delta(before, infra.proxy.snapshot());
                Map<String, Long> resyncSql = infra.statements();
                steady.put("resyncCompleted", done);
                steady.put("resyncSecondsIncludingStart", round(resyncSeconds, 2));
                steady.put("resyncApiWrites", CountingProxy.writesIn(resync));
                steady.put("resyncSqlStatements", Infra.total(resyncSql));
                steady.put("resyncWrites", CountingProxy.writesOnly(resync));
                steady.put("resyncRequests", resync);
                steady.put("resyncSql", top(resyncSql, 10));
                r.put("steadyState", steady);

                // 4. memory, with N Ready tenants held (after the resync: a process that has only ever seen them
                // converged)
                OperatorProcess.Memory mem = op.memory();
                long live = op.liveHeapBytes(out.resolve("operator-heap-histogram-n" + n + ".txt"), 40);
                Map<String, Object> memory = new LinkedHashMap<>();
                memory.put("heapAfterGcBytes", mem.heapUsedBytes());
                memory.put("heapCommittedBytes", mem.heapCommittedBytes());
                memory.put("rssBytes", mem.rssBytes());
                memory.put("heapBytesPerTenant", (mem.heapUsedBytes() - base.heapUsedBytes()) / n);
                memory.put("liveHeapBytes", live);
                memory.put("liveHeapBytesPerTenant", (live - baseLive) / n);
                memory.put("rssBytesPerTenant", (mem.rssBytes() - base.rssBytes()) / n);
                r.put("memory", memory);

                // 3. one change among many: three tenants, one after the other, starter -> pro
                List<Double> oneChange = new ArrayList<>();
                Map<String, Long> oneChangeWrites = null;
                for (int k = 1; k <= 3; k++) {
                    String name = name("op", n, n * k / 4);
                    String ns = "tenant-" + name;
                    infra.resetStatements();
                    before = infra.proxy.snapshot();
                    long c0 = System.nanoTime();
                    infra.direct.resources(Tenant.class).withName(name).patch(MERGE, "{\"spec\":{\"plan\":\"pro\"}}");
                    waitFor(
                            () -> "8".equals(watch.quotaCpu.get(ns))
                                    && Integer.valueOf(6).equals(watch.hpaMax.get(ns)),
                            120);
                    oneChange.add((System.nanoTime() - c0) / 1e6);
                    awaitQuiet(infra, 2, 30);
                    oneChangeWrites = CountingProxy.writesOnly(CountingProxy.delta(before, infra.proxy.snapshot()));
                    oneChangeWrites.put("(sql statements)", Infra.total(infra.statements()));
                }
                Collections.sort(oneChange);
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("samplesMs", oneChange.stream().map(d -> round(d, 1)).toList());
                one.put("medianMs", round(oneChange.get(1), 1));
                one.put("writesOfLastSample", oneChangeWrites);
                r.put("oneChange", one);

                // 5. plan fan-out: the starter plan (every other tenant) gets a larger quota and replica range
                int onStarter = n + WARMUP_TENANTS - 3;
                infra.resetStatements();
                before = infra.proxy.snapshot();
                long f0 = System.nanoTime();
                infra.direct
                        .resources(Plan.class)
                        .withName("starter")
                        .patch(MERGE, "{\"spec\":{\"quota\":{\"cpu\":\"3\"},\"replicas\":{\"max\":3}}}");
                boolean fanned = waitFor(
                        () -> watch.quotaCpu.values().stream()
                                                .filter("3"::equals)
                                                .count()
                                        >= onStarter
                                && watch.hpaMax.values().stream()
                                                .filter(v -> v == 3)
                                                .count()
                                        >= onStarter,
                        60 + n / 5);
                double fanOut = (System.nanoTime() - f0) / 1e9;
                awaitQuiet(infra, 3, 120);
                Map<String, Long> fan = CountingProxy.delta(before, infra.proxy.snapshot());
                Map<String, Object> fo = new LinkedHashMap<>();
                fo.put("tenants", onStarter);
                fo.put("completed", fanned);
                fo.put("seconds", round(fanOut, 2));
                fo.put("apiWrites", CountingProxy.writesOnly(fan));
                fo.put("sqlStatements", Infra.total(infra.statements()));
                r.put("planFanOut", fo);
            } finally {
                op.close();
            }
        }
        return r;
    }

    // ------------------------------------------------------------------------------------------------ common

    /** Creates n Tenants from CREATOR_THREADS threads and waits until every one is Ready (seen through the watch). */
    private Map<String, Object> converge(
            Infra infra, Watch watch, int n, String prefix, Consumer<Tenant> onCreated, long operatorPid)
            throws Exception {
        Map<String, Long> createdAt = new java.util.concurrent.ConcurrentHashMap<>();
        ExecutorService creators = Executors.newFixedThreadPool(CREATOR_THREADS);
        double cpuSelf0 = Cpu.self();
        double cpuPg0 = Cpu.postgres(infra.pgData);
        double cpuOp0 = operatorPid > 0 ? Cpu.seconds(operatorPid, false) : 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            String name = name(prefix, n, i);
            creators.submit(() -> {
                Tenant created = infra.direct.resource(tenant(name, "starter")).create();
                createdAt.put(name, System.nanoTime());
                onCreated.accept(created);
            });
        }
        creators.shutdown();
        long timeoutSeconds = 120 + n;
        boolean all = waitFor(() -> watch.readyAt.size() >= n, timeoutSeconds);
        long end = System.nanoTime();
        long[] readyOffsets =
                watch.readyAt.values().stream().mapToLong(v -> v - t0).sorted().toArray();
        List<Long> latencies = new ArrayList<>();
        watch.readyAt.forEach((name, at) -> {
            Long c = createdAt.get(name);
            if (c != null) {
                latencies.add(Math.max(0, at - c));
            }
        });
        Collections.sort(latencies);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("ready", watch.readyAt.size());
        r.put("allReady", all);
        long last = readyOffsets.length == 0 ? end - t0 : readyOffsets[readyOffsets.length - 1];
        r.put("convergenceSeconds", round((all ? last : end - t0) / 1e9, 3));
        r.put(
                "creationSeconds",
                round(createdAt.values().stream().mapToLong(v -> v - t0).max().orElse(0) / 1e9, 3));
        r.put("p50Ms", pct(latencies, 50));
        r.put("p95Ms", pct(latencies, 95));
        r.put("p99Ms", pct(latencies, 99));
        r.put("maxMs", pct(latencies, 100));
        Map<String, Object> cpu = new LinkedHashMap<>();
        cpu.put("benchmarkJvm (API server, proxy, simulator, watches, floor loop)", round(Cpu.self() - cpuSelf0, 1));
        cpu.put("operatorProcess", operatorPid > 0 ? round(Cpu.seconds(operatorPid, false) - cpuOp0, 1) : 0);
        cpu.put("postgres", round(Cpu.postgres(infra.pgData) - cpuPg0, 1));
        cpu.put("available (nproc x wall)", round(Runtime.getRuntime().availableProcessors() * (end - t0) / 1e9, 1));
        r.put("cpuSeconds", cpu);
        Map<String, String> tl = new LinkedHashMap<>(infra.proxy.timeline(t0));
        long[] sortedReady = readyOffsets;
        if (sortedReady.length > 0) {
            tl.put(
                    "(Ready seen by the watch)",
                    String.format(
                            "%d tenants, first %.2f s, half by %.2f s, last %.2f s",
                            sortedReady.length,
                            sortedReady[0] / 1e9,
                            sortedReady[(sortedReady.length - 1) / 2] / 1e9,
                            sortedReady[sortedReady.length - 1] / 1e9));
        }
        long[] available = watch.availableAt.values().stream()
                .mapToLong(v -> v - t0)
                .sorted()
                .toArray();
        if (available.length > 0) {
            tl.put(
                    "(Deployment available, set by the cluster simulator)",
                    String.format(
                            "%d deployments, first %.2f s, half by %.2f s, last %.2f s",
                            available.length,
                            available[0] / 1e9,
                            available[(available.length - 1) / 2] / 1e9,
                            available[available.length - 1] / 1e9));
        }
        r.put("writeTimeline", tl);
        List<Long> lag = new ArrayList<>();
        watch.readyAt.forEach((name, at) -> {
            Long a = watch.availableAt.get("tenant-" + name);
            if (a != null) {
                lag.add(at - a);
            }
        });
        Collections.sort(lag);
        if (!lag.isEmpty()) {
            r.put(
                    "readyAfterDeploymentAvailableMs",
                    Map.of("p50", pct(lag, 50), "p99", pct(lag, 99), "min", round(lag.get(0) / 1e6, 1)));
        }
        r.put("_timeline", readyOffsets);
        return r;
    }

    private static double pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int idx = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return round(sorted.get(Math.max(0, Math.min(sorted.size() - 1, idx))) / 1e6, 1);
    }

    /** Waits until no API write went through the proxy for {@code quietSeconds}. */
    private static void awaitQuiet(Infra infra, int quietSeconds, int maxSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds);
        long last = infra.proxy.writes();
        long since = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Thread.sleep(250);
            long now = infra.proxy.writes();
            if (now != last) {
                last = now;
                since = System.nanoTime();
            } else if (System.nanoTime() - since >= TimeUnit.SECONDS.toNanos(quietSeconds)) {
                return;
            }
        }
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static boolean waitFor(Check check, long seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (check.ok()) {
                return true;
            }
            Thread.sleep(20);
        }
        return check.ok();
    }

    static String name(String prefix, int n, int i) {
        return String.format("%s-%d-%05d", prefix, n, i);
    }

    static Tenant tenant(String name, String plan) {
        Tenant t = new Tenant();
        t.getMetadata().setName(name);
        TenantSpec spec = new TenantSpec();
        spec.setPlan(plan);
        spec.setDisplayName(name);
        spec.setAdmins(new ArrayList<>(List.of(new TenantAdmin(TenantAdmin.Kind.User, "admin@" + name + ".example"))));
        t.setSpec(spec);
        return t;
    }

    private static Map<String, Long> top(Map<String, Long> statements, int limit) {
        Map<String, Long> m = new LinkedHashMap<>();
        statements.entrySet().stream().limit(limit).forEach(e -> m.put(abbreviate(e.getKey()), e.getValue()));
        return m;
    }

    private static String abbreviate(String s) {
        return s.length() > 140 ? s.substring(0, 137) + "..." : s;
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    static void log(String format, Object... args) {
        System.out.printf("[bench %s] %s%n", Instant.now().toString().substring(11, 19), String.format(format, args));
        System.out.flush();
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static String join(List<?> values) {
        return String.join(",", values.stream().map(String::valueOf).toList());
    }

    static String arr(long[] a) {
        return Arrays.toString(a);
    }
}
