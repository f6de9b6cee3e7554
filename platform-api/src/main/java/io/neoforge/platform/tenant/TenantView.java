package io.neoforge.platform.tenant;

import io.fabric8.kubernetes.api.model.Condition;
import io.neoforge.api.v1alpha1.common.StatusConditions;
import io.neoforge.api.v1alpha1.tenant.Branding;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.api.v1alpha1.tenant.TenantAdmin;
import io.neoforge.api.v1alpha1.tenant.TenantConditions;
import io.neoforge.api.v1alpha1.tenant.TenantSpec;
import io.neoforge.api.v1alpha1.tenant.TenantStatus;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Tenant", description = "A tenant: what was asked for and what the operator observed.")
public record TenantView(
        @Schema(examples = "acme") String name,
        @Schema(examples = "Acme Corporation") String displayName,

        @Schema(description = "The plan the tenant is on.", examples = "starter")
        String plan,

        @Schema(
                description = "Provisioning, Ready, PastDue, Suspended, Deleting or Failed; absent until the operator "
                        + "has seen the tenant.",
                examples = "Ready")
        String phase,

        @Schema(description = "Whether the Ready condition is True.", examples = "true")
        boolean ready,

        @Schema(description = "Reason of the Ready condition.", examples = "Provisioned")
        String reason,

        @Schema(description = "Address of the tenant's app.", examples = "https://acme.neoforge.example")
        String url,

        @Schema(description = "Whether the workload is scaled to zero and database login disabled.")
        boolean suspended,

        @Schema(description = "Whether deletion is refused.")
        boolean deletionProtection,

        @Schema(description = "Whether the tenant is being deleted.")
        boolean deleting,

        @Schema(description = "When the tenant was created (RFC 3339).", examples = "2026-01-05T10:15:30Z")
        String createdAt,

        List<TenantAdmin> admins,
        Branding branding,
        List<ConditionView> conditions) {

    public static TenantView of(Tenant tenant) {
        TenantSpec spec = tenant.specOrEmpty();
        Optional<TenantStatus> status = Optional.ofNullable(tenant.getStatus());
        List<Condition> conditions = status.map(TenantStatus::conditionsOrEmpty).orElse(List.of());
        Optional<Condition> ready = StatusConditions.find(conditions, TenantConditions.READY);
        return new TenantView(
                tenant.getMetadata().getName(),
                spec.getDisplayName(),
                spec.getPlan(),
                status.map(TenantStatus::getPhase).map(Enum::name).orElse(null),
                StatusConditions.isTrue(conditions, TenantConditions.READY),
                ready.map(Condition::getReason).orElse(null),
                status.map(TenantStatus::getUrl).orElse(null),
                spec.isSuspended(),
                spec.isDeletionProtected(),
                tenant.getMetadata().getDeletionTimestamp() != null,
                tenant.getMetadata().getCreationTimestamp(),
                spec.adminsOrEmpty(),
                spec.brandingOrEmpty(),
                conditions.stream().map(ConditionView::of).toList());
    }
}
