package io.neoforge.platform.tenant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "The plan to move a tenant to.")
public record PlanChange(
        @Schema(description = "Name of an existing Plan.", examples = "pro", required = true)
        String plan) {}
