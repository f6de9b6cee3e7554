package io.neoforge.platform.tenant;

import io.neoforge.api.v1alpha1.tenant.Branding;
import io.neoforge.api.v1alpha1.tenant.TenantAdmin;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Documentation only: the shape {@link TenantPatch} accepts. Absent fields stay as they are; null removes. */
@Schema(name = "TenantPatch", description = "JSON merge patch: absent fields stay as they are, null removes a value.")
record TenantPatchSchema(
        @Schema(description = "Customer-facing name (at most 200 characters).", examples = "Acme Inc.")
        String displayName,

        @Schema(description = "Replaces the whole list of admins.")
        List<TenantAdmin> admins,

        @Schema(description = "Merged field by field into the current branding.")
        Branding branding,

        @Schema(description = "true scales the tenant to zero and disables its database login; data is kept.")
        Boolean suspended) {}
