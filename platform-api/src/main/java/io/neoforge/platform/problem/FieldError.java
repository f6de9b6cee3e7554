package io.neoforge.platform.problem;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "One invalid field of a request.")
public record FieldError(
        @Schema(description = "JSON name of the field (dotted for nested fields).", examples = "name")
        String field,

        @Schema(description = "What is wrong with it.", examples = "a tenant name must be 3 to 40 characters long")
        String message) {}
