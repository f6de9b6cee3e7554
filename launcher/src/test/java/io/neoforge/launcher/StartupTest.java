package io.neoforge.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StartupTest {
    private static final PrintStream DISCARD = new PrintStream(OutputStream.nullOutputStream());
    private ChildProcess child;

    @AfterEach
    void stopChild() {
        if (child != null) {
            child.close();
        }
    }

    @Test
    void returnsOnceEveryCheckHasPassed() throws Exception {
        child = ChildProcess.start("app", List.of("sleep", "30"), DISCARD);
        AtomicInteger polls = new AtomicInteger();
        ReadinessCheck thirdTime = new ReadinessCheck("slow", () -> polls.incrementAndGet() >= 3);
        ReadinessCheck always = new ReadinessCheck("fast", () -> true);

        Startup.await(List.of(child), List.of(always, thirdTime), Duration.ofSeconds(10));

        assertThat(polls).hasValue(3);
    }

    @Test
    void failsAsSoonAsAChildExitsSayingWhichAndHow() throws Exception {
        child = ChildProcess.start("operator", List.of("sh", "-c", "exit 3"), DISCARD);
        long started = System.nanoTime();

        assertThatThrownBy(() -> Startup.await(
                        List.of(child), List.of(new ReadinessCheck("never", () -> false)), Duration.ofMinutes(1)))
                .isInstanceOf(StartupFailure.class)
                .hasMessageStartingWith("the operator exited during start-up (exit code 3)");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void givesUpAtTheDeadlineNamingWhatIsNotReady() throws Exception {
        child = ChildProcess.start("app", List.of("sleep", "30"), DISCARD);
        List<ReadinessCheck> checks = List.of(
                new ReadinessCheck("the database", () -> true),
                new ReadinessCheck("the operator (http://127.0.0.1:8082/q/health/ready)", () -> false));

        assertThatThrownBy(() -> Startup.await(List.of(child), checks, Duration.ofMillis(600)))
                .isInstanceOf(StartupFailure.class)
                .hasMessage("not ready after 0 s: the operator (http://127.0.0.1:8082/q/health/ready) did not accept "
                        + "connections");
    }
}
