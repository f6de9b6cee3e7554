package io.neoforge.launcher;

import java.io.PrintStream;

/**
 * The README's sandbox ({@code mvn -B -Psandbox install -DskipTests}): starts everything, says once when all of it
 * accepts connections, and runs until Ctrl-C or SIGTERM, which stop every part. A child that exits stops the sandbox
 * too, with a non-zero exit code and the child's name and exit code on the console.
 */
public final class LauncherMain {
    private LauncherMain() {}

    public static void main(String[] args) throws InterruptedException {
        PrintStream console = System.out;
        LauncherSettings settings = LauncherSettings.fromSystem();
        Sandbox sandbox = new Sandbox(settings, console);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(sandbox, console), "neoforge-sandbox-stop"));
        try {
            sandbox.start();
            console.println(Banner.text(sandbox));
            Startup.await(sandbox.children(), sandbox.readinessChecks(), settings.startupTimeout());
        } catch (StartupFailure | RuntimeException e) {
            if (!sandbox.closing()) {
                console.println("NeoForge sandbox did not start: " + e.getMessage());
                sandbox.close();
                System.exit(1);
            }
            return;
        }
        console.println(Banner.readyLine(sandbox));

        ChildProcess exited = sandbox.awaitFirstChildExit();
        if (!sandbox.closing()) {
            console.println("NeoForge sandbox: the " + exited.name() + " exited (" + exited.exitDescription()
                    + "); stopping everything");
            sandbox.close();
            System.exit(1);
        }
    }

    private static void stop(Sandbox sandbox, PrintStream console) {
        if (!sandbox.closing()) {
            console.println("Stopping the NeoForge sandbox ...");
            sandbox.close();
            console.println("NeoForge sandbox stopped.");
        }
    }
}
