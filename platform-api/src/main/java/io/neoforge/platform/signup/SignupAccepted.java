package io.neoforge.platform.signup;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "The signup is accepted; the operator provisions the tenant now.")
public record SignupAccepted(
        @Schema(examples = "acme") String name,

        @Schema(
                description = "Where to follow the tenant's status (also the Location header).",
                examples = "https://platform.neoforge.example/api/v1/tenants/acme")
        String statusUrl) {}
