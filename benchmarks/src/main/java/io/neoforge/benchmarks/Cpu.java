package io.neoforge.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU seconds consumed so far, from /proc (clock ticks of 1/100 s), for the evidence of where the time goes. */
final class Cpu {
    private Cpu() {}

    /** utime + stime of a process; with {@code reapedChildren}, plus cutime + cstime (its exited, waited-for children). */
    static double seconds(long pid, boolean reapedChildren) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields after "(comm) ": state=0 ... utime=11 stime=12 cutime=13 cstime=14
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            if (reapedChildren) {
                ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
            }
            return ticks / 100.0;
        } catch (Exception e) {
            return 0;
        }
    }

    /** PostgreSQL: the postmaster (with its reaped backends) and every live backend. */
    static double postgres(Path dataDir) {
        try {
            long pid = Long.parseLong(
                    Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
            double s = seconds(pid, true);
            s += ProcessHandle.of(pid)
                    .map(p -> p.descendants()
                            .mapToDouble(d -> seconds(d.pid(), false))
                            .sum())
                    .orElse(0.0);
            return s;
        } catch (Exception e) {
            return 0;
        }
    }

    /** This JVM: the in-process API server, proxy, cluster simulator, watches, and (floor runs) the floor loop. */
    static double self() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime() / 1e9;
        }
        return 0;
    }
}
