package io.neoforge.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One of the applications the sandbox runs: its production jar, unchanged, in a JVM of its own, pointed at the
 * sandbox through the same settings a cluster deployment gives it, with the {@code sandbox} profile for what is only
 * for one person's machine (loopback, base domain, the platform API's generated keys).
 */
record QuarkusApp(
        String name, Path jar, int httpPort, Map<String, String> systemProperties, Map<String, String> environment) {
    static final String RUNTIME_PROFILE = "sandbox";

    QuarkusApp {
        systemProperties = Collections.unmodifiableMap(new LinkedHashMap<>(systemProperties));
        environment = Map.copyOf(environment);
    }

    QuarkusApp(String name, Path jar, int httpPort) {
        this(name, jar, httpPort, Map.of(), Map.of());
    }

    QuarkusApp with(Map<String, String> properties, Map<String, String> variables) {
        return new QuarkusApp(name, jar, httpPort, properties, variables);
    }

    /** Why it cannot start, if it cannot: no jar, or its port taken (by an application left from another run?). */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!Files.isRegularFile(jar)) {
            problems.add(
                    "the " + name + " is not built: " + jar + " is missing (mvn -B package -DskipTests builds it)");
        }
        if (!portFree(httpPort)) {
            problems.add("port " + httpPort + " of the " + name + " is in use by another process");
        }
        return problems;
    }

    List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dquarkus.profile=" + RUNTIME_PROFILE);
        command.add("-Dquarkus.http.port=" + httpPort);
        systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    String readinessUrl() {
        return "http://127.0.0.1:" + httpPort + "/q/health/ready";
    }

    ChildProcess start(PrintStream console) {
        return ChildProcess.start(name, command(), environment, console);
    }

    private static boolean portFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
