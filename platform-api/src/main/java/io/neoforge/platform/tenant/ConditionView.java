package io.neoforge.platform.tenant;

import io.fabric8.kubernetes.api.model.Condition;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "One status condition, as the operator reports it.")
public record ConditionView(
        @Schema(examples = "Ready") String type,

        @Schema(description = "True, False or Unknown.", examples = "True")
        String status,

        @Schema(examples = "Provisioned") String reason,

        @Schema(examples = "namespace, database, workload and routing are ready")
        String message,

        @Schema(description = "When the status last flipped (RFC 3339).", examples = "2026-01-05T10:15:30Z")
        String lastTransitionTime) {

    public static ConditionView of(Condition condition) {
        return new ConditionView(
                condition.getType(),
                condition.getStatus(),
                condition.getReason(),
                condition.getMessage(),
                condition.getLastTransitionTime());
    }
}
