package io.neoforge.platform.signup;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Signup", description = "A new tenant, asked for by its first admin.")
public record SignupRequest(
        @Schema(
                description =
                        "Tenant name: 3-40 characters, lower-case letters, digits and '-', starting with a letter; "
                                + "becomes <name>.<base domain>. Some names are reserved.",
                examples = "acme",
                required = true)
        String name,

        @Schema(
                description = "Customer-facing name, at most 200 characters.",
                examples = "Acme Corporation",
                required = true)
        String displayName,

        @Schema(
                description = "E-mail address of the tenant's first admin.",
                examples = "alice@acme.example",
                required = true)
        String adminEmail,

        @Schema(description = "Name of an existing Plan.", examples = "starter", required = true)
        String plan) {}
