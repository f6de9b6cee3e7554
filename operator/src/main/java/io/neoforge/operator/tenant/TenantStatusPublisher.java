package io.neoforge.operator.tenant;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.api.v1alpha1.tenant.TenantConditionReason;
import io.neoforge.api.v1alpha1.tenant.TenantConditionType;
import io.neoforge.api.v1alpha1.tenant.TenantStatus;
import io.neoforge.operator.tenant.TenantStatusBuilder.Transition;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Writes a Tenant's new status, then tells people and metrics about the transitions it records: an Event or a metric
 * never announces what the API server has not stored. Writes only when the status says something new.
 */
@ApplicationScoped
public class TenantStatusPublisher {
    /** Reasons on Ready that get a Warning event of their own (the parts' failures get one on the part's condition). */
    private static final Set<TenantConditionReason> READY_WARNINGS = EnumSet.of(
            TenantConditionReason.InvalidName,
            TenantConditionReason.PlanNotFound,
            TenantConditionReason.PlanInvalid,
            TenantConditionReason.DeletionProtected,
            TenantConditionReason.DeletionThrottled,
            TenantConditionReason.DeletionFailed);

    private final TenantEvents events;
    private final TenantMetrics metrics;

    public TenantStatusPublisher(TenantEvents events, TenantMetrics metrics) {
        this.events = events;
        this.metrics = metrics;
    }

    /**
     * Writes the status built for {@code tenant} (the resource as this reconciliation received it) and announces its
     * transitions. Throws what the write throws, having announced nothing.
     */
    public void publish(Tenant tenant, TenantStatusBuilder builder, Context<Tenant> context) {
        publish(tenant, builder, updated -> write(tenant, updated, context));
    }

    /** The same, with the write given: first the write, then what announces it. */
    void publish(Tenant tenant, TenantStatusBuilder builder, Consumer<TenantStatus> write) {
        TenantStatus updated = builder.status();
        if (TenantStatusBuilder.changed(tenant.getStatus(), updated)) {
            write.accept(updated);
            for (Transition transition : builder.transitions()) {
                announce(tenant, transition);
            }
            if (updated.getFirstReadyTime() != null
                    && (tenant.getStatus() == null || tenant.getStatus().getFirstReadyTime() == null)) {
                metrics.firstReady(tenant, Instant.parse(updated.getFirstReadyTime()));
            }
        }
        metrics.observe(tenant, updated.getPhase());
    }

    /**
     * With server-side apply (the default) the operator applies its own fields of the status, and nothing else: the
     * conditions of other field managers stay theirs, and a field it no longer sets (say status.url) is removed. The
     * apply holds only name and status, so it cannot claim anything of the spec or metadata. Without SSA it replaces
     * the status it read (optimistic locking by resourceVersion), carrying the other writers' conditions over.
     * Either way the answer goes into the controller's cache, as JOSDK does for the status it writes itself, so the
     * next reconciliation starts from this status and does not announce the same transitions again. (Not
     * context.resourceOperations(): it also drops the watch events that arrive while the write is in flight, and a
     * deletion arriving then went unnoticed.)
     */
    private static void write(Tenant tenant, TenantStatus updated, Context<Tenant> context) {
        var configuration = context.getControllerConfiguration();
        Tenant written;
        if (configuration.getConfigurationService().useSSAToPatchPrimaryResource()) {
            Tenant applied = new Tenant();
            applied.setMetadata(new ObjectMetaBuilder()
                    .withName(tenant.getMetadata().getName())
                    .build());
            applied.setStatus(updated);
            written = context.getClient()
                    .resource(applied)
                    .subresource("status")
                    .patch(new PatchContext.Builder()
                            .withPatchType(PatchType.SERVER_SIDE_APPLY)
                            .withFieldManager(configuration.fieldManager())
                            .withForce(true)
                            .build());
        } else {
            Tenant replaced =
                    configuration.getConfigurationService().getResourceCloner().clone(tenant);
            replaced.setStatus(withOthersConditions(updated, tenant.getStatus()));
            written = context.getClient().resource(replaced).updateStatus();
        }
        context.eventSourceRetriever()
                .getControllerEventSource()
                .handleRecentResourceUpdate(ResourceID.fromResource(tenant), written, tenant);
    }

    private static TenantStatus withOthersConditions(TenantStatus updated, TenantStatus old) {
        if (old == null) {
            return updated;
        }
        List<Condition> conditions = new ArrayList<>(updated.conditionsOrEmpty());
        old.conditionsOrEmpty().stream()
                .filter(c -> !TenantStatusBuilder.isOwn(c))
                .forEach(conditions::add);
        TenantStatus replacement = new TenantStatus();
        replacement.setPhase(updated.getPhase());
        replacement.setObservedGeneration(updated.getObservedGeneration());
        replacement.setConditions(conditions);
        replacement.setUrl(updated.getUrl());
        replacement.setNamespace(updated.getNamespace());
        replacement.setPlan(updated.getPlan());
        replacement.setDatabase(updated.getDatabase());
        replacement.setFirstReadyTime(updated.getFirstReadyTime());
        return replacement;
    }

    private void announce(Tenant tenant, Transition transition) {
        switch (transition.type()) {
            case Ready -> {
                if (transition.status()) {
                    events.normal(tenant, "Provisioned", transition.message());
                } else if (READY_WARNINGS.contains(transition.reason())) {
                    events.warning(tenant, transition.reason().name(), transition.message());
                }
            }
            case Suspended -> {
                if (transition.status()) {
                    events.normal(tenant, "Suspended", transition.message());
                } else if (tenant.getStatus() != null
                        && tenant.getStatus().conditionsOrEmpty().stream()
                                .anyMatch(c ->
                                        TenantConditionType.Suspended.name().equals(c.getType()))) {
                    events.normal(tenant, "Resumed", "spec.suspended is false: the tenant is served again.");
                }
            }
            default -> {
                if (!transition.status() && transition.reason().isFailure()) {
                    events.warning(tenant, transition.reason().name(), transition.message());
                }
            }
        }
    }
}
