package io.neoforge.operator.tenant;

import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.api.v1alpha1.tenant.TenantNames;
import io.neoforge.operator.config.NeoforgeConfig;
import io.neoforge.operator.database.TenantDatabaseService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;

/**
 * Decides whether a tenant may be deleted now: never while deletion-protected, and no more than the
 * configured number per rolling hour, counted in PostgreSQL so a restart cannot reset the budget.
 */
@ApplicationScoped
public class TenantDeletionGate {

    public record Verdict(boolean allowed, String reason, String message, Optional<Duration> retryAfter) {
        static Verdict allow() {
            return new Verdict(true, null, null, Optional.empty());
        }
    }

    private final NeoforgeConfig config;
    private final TenantDatabaseService database;

    public TenantDeletionGate(NeoforgeConfig config, TenantDatabaseService database) {
        this.config = config;
        this.database = database;
    }

    /**
     * Whether the tenant may be deleted now. When it may, its deletion is already recorded (counted against the
     * hourly budget in the same transaction that checked it, idempotent per uid): concurrent cleanups cannot all pass
     * a check made before any of them recorded. A deletion that then fails keeps its place in the budget, and its
     * retry is let through.
     */
    public Verdict check(Tenant tenant) {
        if (tenant.specOrEmpty().isDeletionProtected()) {
            // No reschedule: clearing spec.deletionProtection is an update event that brings us back.
            return new Verdict(
                    false,
                    "DeletionProtected",
                    "spec.deletionProtection is true: the tenant is kept. "
                            + "Set it to false to let the deletion proceed.",
                    Optional.empty());
        }
        String name = tenant.getMetadata().getName();
        if (!TenantNames.isValid(name)) {
            return Verdict.allow(); // nothing was ever provisioned for a name the operator refused: nothing to count
        }
        int limit = config.deletion().maxPerHour();
        TenantDatabaseService.DeletionReservation reservation =
                database.reserveDeletion(name, tenant.getMetadata().getUid(), limit, Duration.ofHours(1));
        if (!reservation.granted()) {
            return new Verdict(
                    false,
                    "DeletionThrottled",
                    reservation.deletionsInWindow() + " tenants were deleted in" + " the last hour, the limit is "
                            + limit + " (neoforge.deletion.max-per-hour); this deletion waits.",
                    Optional.of(config.deletion().retryAfter()));
        }
        return Verdict.allow();
    }
}
