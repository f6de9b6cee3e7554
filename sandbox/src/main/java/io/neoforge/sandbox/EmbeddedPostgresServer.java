package io.neoforge.sandbox;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL (zonky's embedded binaries, version 17) for the sandbox and the tests.
 *
 * <p>
 * The superuser {@code postgres} is trusted on the loopback interface (it has no password); every other role
 * must authenticate with {@code scram-sha-256}, as on a production server, so that tenant passwords really
 * matter. The server listens on 127.0.0.1 only.
 *
 * <p>
 * A JVM shutdown stops the server. If the JVM dies without running its shutdown hooks (SIGKILL), a small
 * watchdog process stops the postmaster as soon as the JVM is gone, so no orphaned postgres is left behind.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final String SUPERUSER = "postgres";
    private static final String DATABASE = "postgres";
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final boolean temporaryDataDirectory;
    private final int port;
    private final List<ProcessHandle> serverProcesses;
    private final Process watchdog;
    private final Thread shutdownHook;
    private boolean stopped;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory, boolean temporaryDataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.temporaryDataDirectory = temporaryDataDirectory;
        this.port = postgres.getPort();
        Optional<ProcessHandle> postmaster = postmaster(dataDirectory);
        this.serverProcesses = new ArrayList<>();
        postmaster.ifPresent(p -> {
            serverProcesses.add(p);
            p.descendants().forEach(serverProcesses::add);
        });
        this.watchdog = postmaster.map(p -> startWatchdog(p.pid())).orElse(null);
        this.shutdownHook = new Thread(this::stopQuietly, "embedded-postgres-stop-" + port);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts PostgreSQL.
     *
     * @param dataDirOrNull a data directory that survives restarts (initialised when empty); {@code null} for a
     *        temporary one, deleted by {@link #stop()}
     * @param portOrZero the port to listen on; 0 picks a free one. A fixed port that is already taken is an
     *        error (never silently talk to another server).
     * @throws UncheckedIOException when the server cannot be started
     */
    public static EmbeddedPostgresServer start(Path dataDirOrNull, int portOrZero) {
        try {
            boolean temporary = dataDirOrNull == null;
            Path dataDir = temporary ? temporaryDataDirectory() : dataDirOrNull.toAbsolutePath();
            Files.createDirectories(dataDir);
            int port = portOrZero == 0 ? freePort() : requireFree(portOrZero);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(temporary)
                    .setPort(port)
                    // Our own hook (and watchdog) stop the server; zonky's would race with ours.
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(30))
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setServerConfig("max_connections", "200")
                    .setDataDirectoryCustomizer(EmbeddedPostgresServer::writeHbaConf)
                    .start();
            return new EmbeddedPostgresServer(postgres, dataDir, temporary);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** JDBC URL of the {@code postgres} database, without credentials. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public String host() {
        return "127.0.0.1";
    }

    public String database() {
        return DATABASE;
    }

    /** The superuser, {@code postgres}. */
    public String username() {
        return SUPERUSER;
    }

    /** The superuser's password: empty, the superuser is trusted on loopback. */
    public String password() {
        return "";
    }

    public int port() {
        return port;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Stops the server and returns when its processes are gone. Idempotent. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // called from the hook itself, or during shutdown
        }
        // backends forked since start are part of what must be gone
        serverProcesses.stream()
                .findFirst()
                .filter(ProcessHandle::isAlive)
                .ifPresent(postmaster -> postmaster
                        .descendants()
                        .filter(p -> !serverProcesses.contains(p))
                        .forEach(serverProcesses::add));
        try {
            postgres.close(); // pg_ctl stop -m fast -w
        } catch (IOException | RuntimeException e) {
            // fall through: the processes are stopped below
        }
        awaitGone(STOP_WAIT);
        List<ProcessHandle> left =
                serverProcesses.stream().filter(ProcessHandle::isAlive).toList();
        if (!left.isEmpty()) {
            // immediate shutdown, then the hard way
            left.stream().findFirst().ifPresent(p -> signal("QUIT", p.pid()));
            awaitGone(Duration.ofSeconds(5));
            serverProcesses.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            awaitGone(Duration.ofSeconds(5));
        }
        if (watchdog != null) {
            watchdog.destroyForcibly();
        }
        if (temporaryDataDirectory) {
            deleteRecursively(dataDirectory);
        }
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "EmbeddedPostgresServer[" + jdbcUrl() + ", data " + dataDirectory + "]";
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (RuntimeException e) {
            // nothing more to do during shutdown
        }
    }

    private void awaitGone(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ProcessHandle p : serverProcesses) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                p.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                return;
            }
        }
    }

    private static Optional<ProcessHandle> postmaster(Path dataDir) {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                return Optional.empty();
            }
            return ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A shell that waits for this JVM to go away and then stops the postmaster (fast shutdown). */
    private static Process startWatchdog(long postmasterPid) {
        long jvm = ProcessHandle.current().pid();
        String script = "trap '' HUP INT TERM; while kill -0 " + jvm + " 2>/dev/null; do sleep 1; done; "
                + "if [ -d /proc/" + postmasterPid + " ] && grep -q postgres /proc/" + postmasterPid
                + "/cmdline 2>/dev/null; then kill -INT " + postmasterPid + "; fi";
        try {
            return new ProcessBuilder("sh", "-c", script)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            return null; // the shutdown hook still covers orderly exits
        }
    }

    private static void signal(String signal, long pid) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Superuser trusted on loopback (zonky's own readiness check logs in without a password); others: SCRAM. */
    private static void writeHbaConf(File dataDir) {
        String hba = """
                # written by NeoForge's EmbeddedPostgresServer on every start
                local   all  all                    trust
                host    all  postgres  127.0.0.1/32 trust
                host    all  postgres  ::1/128      trust
                host    all  all       127.0.0.1/32 scram-sha-256
                host    all  all       ::1/128      scram-sha-256
                """;
        try {
            Files.writeString(dataDir.toPath().resolve("pg_hba.conf"), hba, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write pg_hba.conf", e);
        }
    }

    private static Path temporaryDataDirectory() throws IOException {
        Path base = Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg");
        Files.createDirectories(base);
        return Files.createTempDirectory(base, "neoforge-data-");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static int requireFree(int port) throws IOException {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return port;
        } catch (IOException e) {
            throw new IOException("port " + port + " is already in use: another server listens there", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort
                }
            });
        } catch (IOException e) {
            // best effort
        }
    }
}
