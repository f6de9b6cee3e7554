package io.neoforge.launcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Waits until every check passes; gives up as soon as a child exits, or at the deadline. */
final class Startup {
    private static final Duration POLL = Duration.ofMillis(250);

    private Startup() {}

    static void await(List<ChildProcess> children, List<ReadinessCheck> checks, Duration timeout)
            throws StartupFailure, InterruptedException {
        List<ReadinessCheck> pending = new ArrayList<>(checks);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (ChildProcess child : children) {
                if (!child.isAlive()) {
                    throw new StartupFailure("the " + child.name() + " exited during start-up ("
                            + child.exitDescription() + "); its output above, prefixed '" + child.name()
                            + " |', says why");
                }
            }
            pending.removeIf(check -> check.ready().getAsBoolean());
            if (pending.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new StartupFailure("not ready after " + timeout.toSeconds() + " s: "
                        + String.join(
                                ", ", pending.stream().map(ReadinessCheck::what).toList())
                        + " did not accept connections");
            }
            Thread.sleep(POLL.toMillis());
        }
    }
}
