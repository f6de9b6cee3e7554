package io.neoforge.platform.audit;

import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "One recorded write.")
public record AuditEntry(
        @Schema(description = "Sequence number.", examples = "42")
        long id,

        @Schema(description = "When the write happened.", examples = "2026-01-05T10:15:30Z")
        Instant occurredAt,

        @Schema(
                description = "Who: the token's subject, or 'anonymous' for a public signup.",
                examples = "alice@example.com")
        String actor,

        @Schema(
                description = "What: tenant.signup, tenant.plan.change, tenant.update or tenant.delete.",
                examples = "tenant.plan.change")
        String action,

        @Schema(description = "The tenant written to.", examples = "acme")
        String tenant,

        @Schema(description = "Request id (X-Request-Id).") String requestId,
        @Schema(description = "Client network address.") String clientAddress,
        @Schema(description = "What changed.") Map<String, Object> details) {}
