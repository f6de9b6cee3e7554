package io.neoforge.platform.auth;

import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.neoforge.platform.PlatformApiConfig;
import io.quarkus.runtime.StartupEvent;

/** Sandbox only: prints ready-to-use tokens at start, as the sandbox prints its kubeconfig. */
public class DevTokenPrinter {

    void print(@Observes StartupEvent start, PlatformApiConfig config, TokenIssuer issuer,
            @ConfigProperty(name = "quarkus.http.port") int port) {
        if (!config.auth().devKeys().enabled()) {
            return;
        }
        String tenant = config.auth().devKeys().tenant();
        // Printed, not logged: log files outlive the sandbox and tokens do not belong in them.
        System.out.println("\n=== NeoForge platform API (sandbox tokens, signed with a key generated at start) ===\n"
                + "  platform-admin:            " + issuer.platformAdmin("sandbox-admin") + "\n"
                + "  tenant-admin of " + tenant + ": " + issuer.tenantAdmin("admin@" + tenant + ".example", tenant)
                + "\n  curl -H \"Authorization: Bearer <token>\" http://localhost:" + port + "/api/v1/tenants\n"
                + "  dashboard: http://localhost:" + port + "/   OpenAPI: http://localhost:" + port + "/q/swagger-ui\n");
    }
}
