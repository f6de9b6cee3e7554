package io.neoforge.operator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Every {@code neoforge.*} setting of the operator; documented in docs/configuration.md. */
@ConfigMapping(prefix = "neoforge")
public interface NeoforgeConfig {

    /** Tenants are served at {@code <name>.<baseDomain>}. */
    @WithDefault("neoforge.localhost")
    String baseDomain();

    /** URL scheme of tenant addresses. */
    @WithDefault("https")
    String urlScheme();

    Workload workload();

    Ingress ingress();

    Database database();

    Deletion deletion();

    interface Workload {
        /** Image of a tenant's app when the Tenant names none. */
        @WithDefault("ghcr.io/neoforge/tenant-app:latest")
        String defaultImage();
    }

    interface Ingress {
        /** IngressClass of tenant Ingresses; the cluster default when absent. */
        Optional<String> className();

        /** Namespace of the ingress controller, allowed through each tenant's NetworkPolicy. */
        @WithDefault("ingress-nginx")
        String controllerNamespace();

        /** Namespace of the monitoring stack, allowed through each tenant's NetworkPolicy. */
        @WithDefault("monitoring")
        String monitoringNamespace();
    }

    interface Database {
        /** Host the tenants' apps connect to; the host of the operator's own JDBC URL when absent. */
        Optional<String> tenantHost();

        /** Port the tenants' apps connect to; the port of the operator's own JDBC URL when absent. */
        Optional<Integer> tenantPort();

        /** Length of generated database passwords. */
        @WithDefault("32")
        int passwordLength();
    }

    interface Deletion {
        /** Most tenants the operator deletes in any rolling hour; further deletions wait. */
        @WithDefault("10")
        int maxPerHour();

        /** How long a refused or rate-limited deletion waits before it is tried again. */
        @WithDefault("PT1M")
        Duration retryAfter();
    }
}
