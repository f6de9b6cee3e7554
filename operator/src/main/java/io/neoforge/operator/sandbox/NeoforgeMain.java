package io.neoforge.operator.sandbox;

import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point. On a cluster it only runs the operator; with {@code neoforge.sandbox.enabled=true} it
 * first starts the sandbox (in-process API server, simulator, PostgreSQL) and stops it after Quarkus.
 */
@QuarkusMain
public class NeoforgeMain {

    public static void main(String... args) throws Exception {
        Config config = ConfigProvider.getConfig();
        if (!config.getOptionalValue("neoforge.sandbox.enabled", Boolean.class).orElse(false)) {
            Quarkus.run(args);
            return;
        }
        Sandbox sandbox = Sandbox.start(config);
        AtomicBoolean closed = new AtomicBoolean();
        Runnable close = () -> {
            if (closed.compareAndSet(false, true)) {
                sandbox.close();
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(close, "neoforge-sandbox-shutdown"));
        printBanner(sandbox);
        try {
            Quarkus.run(args);
        } finally {
            close.run();
        }
    }

    private static void printBanner(Sandbox sandbox) {
        StringBuilder banner = new StringBuilder("\n=== NeoForge sandbox ===\n");
        sandbox.describe().forEach((key, value) -> banner.append(String.format("  %-17s %s%n", key, value)));
        banner.append("\n  export KUBECONFIG=").append(sandbox.kubeconfig()).append('\n')
                .append("  kubectl get plans\n")
                .append("  kubectl apply -f docs/examples/tenant-acme.yaml\n")
                .append("  kubectl wait --for=condition=Ready tenant/acme --timeout=60s\n")
                .append("\n  Ctrl-C stops everything.\n");
        System.out.println(banner);
    }
}
