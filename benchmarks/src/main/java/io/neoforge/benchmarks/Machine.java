package io.neoforge.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The machine a run happened on: nproc, memory, CPU model, JDK, and the load when the run started. */
final class Machine {
    private Machine() {}

    static Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nproc", Runtime.getRuntime().availableProcessors());
        m.put("memTotal", grep("/proc/meminfo", "MemTotal:"));
        m.put("cpuModel", grep("/proc/cpuinfo", "model name"));
        m.put(
                "jdk",
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
                        + System.getProperty("java.vendor") + ")");
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        try {
            m.put(
                    "loadAverageAtStart",
                    Files.readString(Path.of("/proc/loadavg")).trim());
        } catch (Exception e) {
            m.put("loadAverageAtStart", "?");
        }
        return m;
    }

    private static String grep(String file, String prefix) {
        try {
            for (String line : Files.readAllLines(Path.of(file))) {
                if (line.startsWith(prefix)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return "?";
    }
}
