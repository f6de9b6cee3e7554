package io.neoforge.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** target/benchmark-results.json, target/benchmark-results.md, the table on the console, and the chart. */
final class Report {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Report() {}

    static void write(Path out, Map<String, Object> report) throws Exception {
        Files.createDirectories(out);
        JSON.writeValue(out.resolve("benchmark-results.json").toFile(), report);
        Files.writeString(out.resolve("benchmark-results.md"), markdown(report));
    }

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> report) {
        StringBuilder b = new StringBuilder();
        Map<String, Object> machine = (Map<String, Object>) report.get("machine");
        b.append("## NeoForge benchmark results\n\n");
        b.append("Run started ")
                .append(report.get("started"))
                .append(" on: ")
                .append(machine.get("nproc"))
                .append(" CPUs (")
                .append(machine.get("cpuModel"))
                .append("), ")
                .append(machine.get("memTotal"))
                .append(" memory, ")
                .append(machine.get("jdk"))
                .append(", load average at start ")
                .append(machine.get("loadAverageAtStart"))
                .append(".\n\n");
        List<Map<String, Object>> runs = (List<Map<String, Object>>) report.get("runs");

        b.append("### 1. Convergence (N tenants created at once, until every one is Ready)\n\n");
        b.append(
                "| N | floor | operator | **operator/floor** | operator p50 / p95 / p99 (ms) | floor p50 / p95 / p99 (ms) |"
                        + " API writes per tenant (op / floor) | SQL statements per tenant (op / floor) |\n");
        b.append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map<String, Object> run : runs) {
            Map<String, Object> f = (Map<String, Object>) run.get("floor");
            Map<String, Object> o = (Map<String, Object>) run.get("operator");
            if (f == null || o == null) {
                continue;
            }
            b.append("| ")
                    .append(run.get("n"))
                    .append(" | ")
                    .append(f.get("convergenceSeconds"))
                    .append(" s | ")
                    .append(o.get("convergenceSeconds"))
                    .append(" s")
                    .append(Boolean.TRUE.equals(o.get("allReady")) ? "" : " (incomplete)")
                    .append(" | **")
                    .append(run.get("ratioOperatorToFloor"))
                    .append("x** | ")
                    .append(o.get("p50Ms"))
                    .append(" / ")
                    .append(o.get("p95Ms"))
                    .append(" / ")
                    .append(o.get("p99Ms"))
                    .append(" | ")
                    .append(f.get("p50Ms"))
                    .append(" / ")
                    .append(f.get("p95Ms"))
                    .append(" / ")
                    .append(f.get("p99Ms"))
                    .append(" | ")
                    .append(o.get("apiWritesPerTenant"))
                    .append(" / ")
                    .append(f.get("apiWritesPerTenant"))
                    .append(" | ")
                    .append(o.get("sqlStatementsPerTenant"))
                    .append(" / ")
                    .append(f.get("sqlStatementsPerTenant"))
                    .append(evicted(o) || evicted(f) ? " (too low: pg_stat_statements evicted entries)" : "")
                    .append(" |\n");
        }
        b.append("\n#### Where the convergence time goes (server-side SQL time, pg_stat_statements)\n\n");
        b.append(
                "| N | run | wall time | SQL execution time (sum over sessions) | of which waiting for the DDL advisory lock |\n");
        b.append("|---:|---|---:|---:|---:|\n");
        for (Map<String, Object> run : runs) {
            for (String which : new String[] {"floor", "operator"}) {
                Map<String, Object> x = (Map<String, Object>) run.get(which);
                if (x == null || x.get("sqlTiming") == null) {
                    continue;
                }
                Map<String, Object> t = (Map<String, Object>) x.get("sqlTiming");
                b.append("| ")
                        .append(run.get("n"))
                        .append(" | ")
                        .append(which)
                        .append(" | ")
                        .append(x.get("convergenceSeconds"))
                        .append(" s | ")
                        .append(String.format("%.2f s", ((Number) t.get("totalExecMs")).doubleValue() / 1000))
                        .append(" | ")
                        .append(String.format("%.2f s", ((Number) t.get("advisoryLockWaitMs")).doubleValue() / 1000))
                        .append(" |\n");
            }
        }
        b.append("\n### 2-5. Steady state, one change, memory, plan fan-out (operator)\n\n");
        b.append("| N | quiet window: API writes / SQL | full resync (restart): API writes / SQL | resync time |"
                + " one plan change (median of 3) | heap after GC (used) | per tenant | live objects | per tenant | RSS |"
                + " RSS per tenant | plan fan-out |\n");
        b.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map<String, Object> run : runs) {
            Map<String, Object> o = (Map<String, Object>) run.get("operator");
            if (o == null || o.get("steadyState") == null) {
                continue;
            }
            Map<String, Object> s = (Map<String, Object>) o.get("steadyState");
            Map<String, Object> m = (Map<String, Object>) o.get("memory");
            Map<String, Object> one = (Map<String, Object>) o.get("oneChange");
            Map<String, Object> fan = (Map<String, Object>) o.get("planFanOut");
            b.append("| ")
                    .append(run.get("n"))
                    .append(" | ")
                    .append(s.get("quietWindowApiWrites"))
                    .append(" / ")
                    .append(s.get("quietWindowSqlStatements"))
                    .append(" | ")
                    .append(s.get("resyncApiWrites"))
                    .append(" / ")
                    .append(s.get("resyncSqlStatements"))
                    .append(" | ")
                    .append(s.get("resyncSecondsIncludingStart"))
                    .append(" s | ")
                    .append(one == null ? "-" : one.get("medianMs") + " ms")
                    .append(" | ")
                    .append(m == null ? "-" : mib(m.get("heapAfterGcBytes")))
                    .append(" | ")
                    .append(m == null ? "-" : kib(m.get("heapBytesPerTenant")))
                    .append(" | ")
                    .append(m == null ? "-" : mib(m.get("liveHeapBytes")))
                    .append(" | ")
                    .append(m == null ? "-" : kib(m.get("liveHeapBytesPerTenant")))
                    .append(" | ")
                    .append(m == null ? "-" : mib(m.get("rssBytes")))
                    .append(" | ")
                    .append(m == null ? "-" : kib(m.get("rssBytesPerTenant")))
                    .append(" | ")
                    .append(
                            fan == null
                                    ? "-"
                                    : fan.get("seconds") + " s for " + fan.get("tenants")
                                            + (Boolean.TRUE.equals(fan.get("completed")) ? "" : " (incomplete)"))
                    .append(" |\n");
        }
        b.append(
                "\nHeap after GC (used): the collector's used heap after two full collections (jcmd GC.run,"
                        + " GC.heap_info); live objects: the total of jcmd GC.class_histogram (also after a full collection, without"
                        + " the free space left in regions). Per tenant: (with the warm-up tenants and N more - with the warm-up tenants only) / N.\n");
        b.append(
                "\nTargets (not asserted): 1,000 tenants within 1.5x the floor; zero writes at steady state;"
                        + " under 50 KiB heap per tenant. Details (request and statement breakdowns) in benchmark-results.json.\n");
        return b.toString();
    }

    private static String mib(Object bytes) {
        return String.format("%.1f MiB", ((Number) bytes).doubleValue() / (1024 * 1024));
    }

    private static String kib(Object bytes) {
        return String.format("%.1f KiB", ((Number) bytes).doubleValue() / 1024);
    }

    /** Tenants Ready over time (seconds since the first create), floor and operator, for one N. */
    static Path chart(Path file, int n, long[] floorOffsetsNanos, long[] operatorOffsetsNanos) throws Exception {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(series("floor (plain loop, no operator)", floorOffsetsNanos));
        data.addSeries(series("operator", operatorOffsetsNanos));
        JFreeChart chart = ChartFactory.createXYLineChart(
                "Tenants Ready over time, N = " + n,
                "seconds since the first Tenant was created",
                "tenants Ready",
                data,
                PlotOrientation.VERTICAL,
                true,
                false,
                false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setSeriesPaint(0, new Color(0x888888));
        renderer.setSeriesPaint(1, new Color(0x1f77b4));
        renderer.setSeriesStroke(0, new BasicStroke(2f));
        renderer.setSeriesStroke(1, new BasicStroke(2f));
        plot.setRenderer(renderer);
        File f = file.toFile();
        ChartUtils.saveChartAsPNG(f, chart, 900, 500);
        return file;
    }

    private static XYSeries series(String name, long[] offsets) {
        XYSeries s = new XYSeries(name);
        s.add(0, 0);
        if (offsets == null) {
            return s;
        }
        int step = Math.max(1, offsets.length / 500);
        for (int i = 0; i < offsets.length; i += step) {
            s.add(offsets[i] / 1e9, i + 1);
        }
        if (offsets.length > 0) {
            s.add(offsets[offsets.length - 1] / 1e9, offsets.length);
        }
        return s;
    }

    private static boolean evicted(Map<String, Object> side) {
        Object n = side.get("sqlEntriesEvicted");
        return n instanceof Number number && number.longValue() > 0;
    }
}
