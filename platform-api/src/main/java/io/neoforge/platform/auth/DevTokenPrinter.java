package io.neoforge.platform.auth;

import io.neoforge.platform.PlatformApiConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sandbox only: prints ready-to-use tokens at start, as the sandbox prints its kubeconfig, and writes
 * them beside the generated keys (owner-only files) so scripts can read them.
 */
public class DevTokenPrinter {

    void print(
            @Observes StartupEvent start,
            PlatformApiConfig config,
            TokenIssuer issuer,
            @ConfigProperty(name = "quarkus.http.port") int port) {
        if (!config.auth().devKeys().enabled()) {
            return;
        }
        String tenant = config.auth().devKeys().tenant();
        String admin = issuer.platformAdmin("sandbox-admin");
        String tenantAdmin = issuer.tenantAdmin("admin@" + tenant + ".example", tenant);
        Path directory = Path.of(config.auth().devKeys().directory());
        write(directory.resolve("admin.token"), admin);
        write(directory.resolve("tenant-" + tenant + ".token"), tenantAdmin);
        // Printed, not logged: log files outlive the sandbox and tokens do not belong in them.
        System.out.println("\n=== NeoForge platform API (sandbox tokens, signed with a key generated at start) ===\n"
                + "  platform-admin:            " + admin + "\n"
                + "  tenant-admin of " + tenant + ": " + tenantAdmin + "\n"
                + "  (also in " + directory.resolve("admin.token") + " and "
                + directory.resolve("tenant-" + tenant + ".token") + ")\n"
                + "  curl -H \"Authorization: Bearer $(cat " + directory.resolve("admin.token")
                + ")\" http://localhost:"
                + port + "/api/v1/tenants\n"
                + "  dashboard: http://localhost:" + port + "/   OpenAPI: http://localhost:" + port
                + "/q/swagger-ui\n");
    }

    private static void write(Path file, String token) {
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, token);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sandbox token " + file, e);
        }
    }
}
