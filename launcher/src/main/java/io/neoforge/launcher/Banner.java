package io.neoforge.launcher;

/** What the sandbox prints: where everything is while it starts, and one line once it is all ready. */
final class Banner {
    private Banner() {}

    static String text(Sandbox sandbox) {
        StringBuilder banner = new StringBuilder("\n=== NeoForge sandbox ===\n");
        sandbox.describe().forEach((key, value) -> banner.append(String.format("  %-17s %s%n", key, value)));
        banner.append("\n  export KUBECONFIG=")
                .append(sandbox.kubeconfig())
                .append('\n')
                .append("  kubectl get plans\n")
                .append("  kubectl apply -f docs/examples/tenant-acme.yaml\n")
                .append("  kubectl wait --for=condition=Ready tenant/acme --timeout=60s\n")
                .append("\n  Ctrl-C stops everything. Starting the operator and the platform API ...\n");
        return banner.toString();
    }

    static String readyLine(Sandbox sandbox) {
        return "NeoForge sandbox is ready: KUBECONFIG=" + sandbox.kubeconfig() + ", platform API http://127.0.0.1:"
                + Sandbox.PLATFORM_API_PORT + "/, operator http://127.0.0.1:" + Sandbox.OPERATOR_PORT + "/q/health";
    }
}
