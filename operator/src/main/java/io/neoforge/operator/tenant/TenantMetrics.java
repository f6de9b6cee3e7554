package io.neoforge.operator.tenant;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.api.v1alpha1.tenant.TenantPhase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Tenants by phase and plan, and how long a new tenant takes to become Ready. */
@ApplicationScoped
public class TenantMetrics {
    private record PhaseAndPlan(String phase, String plan) {}

    private final MeterRegistry registry;
    private final Map<String, PhaseAndPlan> tenants = new ConcurrentHashMap<>();
    private final Map<PhaseAndPlan, Gauge> gauges = new ConcurrentHashMap<>();
    private final Timer timeToReady;

    public TenantMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.timeToReady = Timer.builder("neoforge.tenant.time.to.ready")
                .description("Time from a tenant's creation to its first Ready")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(100))
                .maximumExpectedValue(Duration.ofMinutes(30))
                .register(registry);
    }

    public void observe(Tenant tenant, TenantPhase phase) {
        PhaseAndPlan key = new PhaseAndPlan(
                phase.name(), String.valueOf(tenant.specOrEmpty().getPlan()));
        tenants.put(tenant.getMetadata().getName(), key);
        gauges.computeIfAbsent(
                key,
                k -> Gauge.builder(
                                "neoforge.tenants",
                                tenants,
                                all -> all.values().stream().filter(k::equals).count())
                        .description("Tenants by phase and plan")
                        .tag("phase", k.phase())
                        .tag("plan", k.plan())
                        .register(registry));
    }

    public void forget(String tenant) {
        tenants.remove(tenant);
    }

    public void firstReady(Tenant tenant, Instant readyAt) {
        String created = tenant.getMetadata().getCreationTimestamp();
        if (created != null) {
            Duration elapsed = Duration.between(Instant.parse(created), readyAt);
            if (!elapsed.isNegative()) {
                timeToReady.record(elapsed);
            }
        }
    }
}
