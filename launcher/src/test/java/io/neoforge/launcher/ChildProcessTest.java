package io.neoforge.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChildProcessTest {
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);

    @Test
    void prefixesItsOutputAndKeepsWhatItSaysWhileStopping() throws Exception {
        ChildProcess child = ChildProcess.start(
                "app",
                List.of("sh", "-c", "echo started; trap 'echo stopping; exit 0' TERM; while true; do sleep 0.1; done"),
                out);
        waitForOutput("app | started");

        child.close();

        assertThat(child.isAlive()).isFalse();
        assertThat(child.exitDescription()).isEqualTo("exit code 0");
        assertThat(console.toString(StandardCharsets.UTF_8).lines()).containsExactly("app | started", "app | stopping");
    }

    @Test
    void saysWhichSignalEndedIt() throws Exception {
        ChildProcess child = ChildProcess.start("app", List.of("sleep", "30"), out);
        child.close();
        assertThat(child.exitDescription()).isEqualTo("exit code 143: signal 15, SIGTERM");
    }

    private void waitForOutput(String line) throws InterruptedException {
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(5))
                .untilAsserted(() ->
                        assertThat(console.toString(StandardCharsets.UTF_8)).contains(line));
    }
}
