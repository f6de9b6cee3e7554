package io.neoforge.platform.dashboard;

import io.fabric8.kubernetes.api.model.Condition;
import io.neoforge.api.v1alpha1.common.StatusConditions;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.api.v1alpha1.tenant.TenantConditions;
import io.neoforge.api.v1alpha1.tenant.TenantStatus;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** One tenant as the dashboard shows it. */
public record TenantRow(
        String name,
        String displayName,
        String phase,
        String plan,
        String readyStatus,
        String reason,
        String message,
        String url,
        String age) {

    static TenantRow of(Tenant tenant, Instant now) {
        Optional<TenantStatus> status = Optional.ofNullable(tenant.getStatus());
        Optional<Condition> ready =
                status.flatMap(s -> StatusConditions.find(s.getConditions(), TenantConditions.READY));
        String phase = tenant.getMetadata().getDeletionTimestamp() != null
                ? "Deleting"
                : status.map(TenantStatus::getPhase).map(Enum::name).orElse("Pending");
        return new TenantRow(
                tenant.getMetadata().getName(),
                Optional.ofNullable(tenant.specOrEmpty().getDisplayName()).orElse(""),
                phase,
                tenant.specOrEmpty().getPlan(),
                ready.map(Condition::getStatus).orElse(StatusConditions.UNKNOWN),
                ready.map(Condition::getReason).orElse(""),
                ready.map(Condition::getMessage).orElse(""),
                status.map(TenantStatus::getUrl).orElse(""),
                Ages.since(tenant.getMetadata().getCreationTimestamp(), now));
    }

    public boolean ready() {
        return StatusConditions.TRUE.equals(readyStatus);
    }

    /** CSS class of the status badge. */
    public String tone() {
        if (ready()) {
            return "ok";
        }
        return switch (phase) {
            case "Failed", "PastDue" -> "bad";
            case "Suspended", "Deleting" -> "muted";
            default -> "warn";
        };
    }

    boolean matches(String query) {
        String q = query.toLowerCase(Locale.ROOT);
        return name.contains(q)
                || displayName.toLowerCase(Locale.ROOT).contains(q)
                || String.valueOf(plan).toLowerCase(Locale.ROOT).contains(q)
                || phase.toLowerCase(Locale.ROOT).contains(q)
                || reason.toLowerCase(Locale.ROOT).contains(q);
    }
}
