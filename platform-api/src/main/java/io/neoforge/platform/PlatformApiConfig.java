package io.neoforge.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Every {@code neoforge.api.*} setting of the platform API; documented in platform-api/README.md. */
@ConfigMapping(prefix = "neoforge.api")
public interface PlatformApiConfig {

    Signup signup();

    Auth auth();

    Kubernetes kubernetes();

    Dashboard dashboard();

    interface Signup {
        RateLimit rateLimit();

        /** How long an {@code Idempotency-Key} is remembered; a replay after that is a new request. */
        @WithDefault("PT24H")
        Duration idempotencyRetention();
    }

    interface RateLimit {
        /** Signup requests a client address may make per {@link #period()} (a token bucket of this size). */
        @WithDefault("10")
        int requests();

        /** Time in which a client's full allowance of {@link #requests()} refills. */
        @WithDefault("PT1M")
        Duration period();

        /** Client addresses tracked at most; idle ones are forgotten first. Bounds memory under address spraying. */
        @WithDefault("100000")
        int maxClients();
    }

    interface Auth {
        /** JWT claim that names the tenant of a {@code tenant-admin}. */
        @WithDefault("tenant")
        String tenantClaim();

        /** Lifetime of the tokens {@code TokenIssuer} mints (sandbox and tests). */
        @WithDefault("PT12H")
        Duration issuedTokenLifetime();

        DevKeys devKeys();
    }

    interface DevKeys {
        /**
         * Sandbox only: generate an RSA key pair at start, verify tokens with it and print a ready-to-use
         * platform-admin token and tenant-admin token. Never on a real installation.
         */
        @WithDefault("false")
        boolean enabled();

        /** Where the generated key pair is written (public.pem, private.pem). */
        @WithDefault(".neoforge/platform-api")
        String directory();

        /** Tenant named in the printed tenant-admin token. */
        @WithDefault("acme")
        String tenant();
    }

    interface Kubernetes {
        /** Namespace where the operator writes the Events of the (cluster-scoped) Tenants. */
        @WithDefault("default")
        String eventNamespace();
    }

    interface Dashboard {
        /**
         * Serve the read-only status dashboard at {@code /}. It lists every tenant without asking for a token: turn it
         * off where the API is reachable by people who are not operators.
         */
        @WithDefault("true")
        boolean enabled();

        /** Seconds between the dashboard's self-refreshes. */
        @WithDefault("10")
        int refreshSeconds();

        /** Events shown on a tenant's page, newest first. */
        @WithDefault("25")
        int events();
    }
}
