package io.neoforge.operator.plan;

import io.fabric8.kubernetes.api.model.Condition;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.neoforge.api.v1alpha1.common.StatusConditions;
import io.neoforge.api.v1alpha1.plan.Plan;
import io.neoforge.api.v1alpha1.plan.PlanConditionReason;
import io.neoforge.api.v1alpha1.plan.PlanConditionType;
import io.neoforge.api.v1alpha1.plan.PlanStatus;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reports whether a Plan can be used (see {@link PlanValidation}) and how many tenants are on it.
 */
@ControllerConfiguration(name = "plan")
public class PlanReconciler implements Reconciler<Plan> {

    /** Index of the tenants' informer: the plan of each tenant that is not being deleted. */
    static final String COUNTED_PLAN = "counted-plan";

    private volatile InformerEventSource<Tenant, Plan> tenants;

    @Override
    public List<EventSource<?, Plan>> prepareEventSources(EventSourceContext<Plan> context) {
        var configuration = InformerEventSourceConfiguration.from(Tenant.class, Plan.class)
                .withName("tenants-by-plan")
                // A tenant that moves from one plan to another changes two counts, but a mapper only sees the
                // tenant as it is now: every plan recounts (there are few, and only these events get through).
                .withSecondaryToPrimaryMapper(tenant -> context.getPrimaryCache()
                        .list()
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
                .withPrimaryToSecondaryMapper((Plan plan) -> tenantsCountedOn(plan).stream()
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
                // the count needs a tenant's plan and whether it is being deleted, nothing of its status
                .withOnUpdateFilter((updated, old) -> !Objects.equals(
                                updated.specOrEmpty().getPlan(),
                                old.specOrEmpty().getPlan())
                        || !Objects.equals(
                                updated.getMetadata().getDeletionTimestamp(),
                                old.getMetadata().getDeletionTimestamp()))
                .build();
        InformerEventSource<Tenant, Plan> source = new InformerEventSource<>(configuration, context);
        source.addIndexers(Map.of(
                COUNTED_PLAN,
                tenant -> tenant.getMetadata().getDeletionTimestamp() == null
                        ? List.of(String.valueOf(tenant.specOrEmpty().getPlan()))
                        : List.of()));
        tenants = source;
        return List.of(source);
    }

    private List<Tenant> tenantsCountedOn(Plan plan) {
        return tenants.byIndex(COUNTED_PLAN, plan.getMetadata().getName());
    }

    @Override
    public UpdateControl<Plan> reconcile(Plan plan, Context<Plan> context) {
        PlanStatus old = plan.getStatus();
        PlanStatus status = new PlanStatus();
        List<Condition> conditions = new ArrayList<>();
        if (old != null) {
            // Only the operator's own types: under server-side apply a condition it sent back would become its own.
            old.conditionsOrEmpty().stream()
                    .filter(PlanReconciler::isOwn)
                    .forEach(c -> conditions.add(new Condition(
                            c.getLastTransitionTime(),
                            c.getMessage(),
                            c.getObservedGeneration(),
                            c.getReason(),
                            c.getStatus(),
                            c.getType())));
        }
        status.setConditions(conditions);
        status.setObservedGeneration(plan.getMetadata().getGeneration());
        status.setTenants(tenantsCountedOn(plan).size());

        Optional<String> problem = PlanValidation.problem(plan);
        PlanConditionReason reason = problem.isEmpty() ? PlanConditionReason.Accepted : PlanConditionReason.InvalidPlan;
        StatusConditions.set(
                conditions,
                PlanConditionType.Ready.name(),
                problem.isEmpty(),
                reason.name(),
                problem.orElse("Tenants can use this plan."),
                plan.getMetadata().getGeneration(),
                Instant.now());

        if (old != null
                && Objects.equals(old.getTenants(), status.getTenants())
                && Objects.equals(old.getObservedGeneration(), status.getObservedGeneration())
                && StatusConditions.sameIgnoringTime(
                        old.conditionsOrEmpty().stream()
                                .filter(PlanReconciler::isOwn)
                                .toList(),
                        conditions)) {
            return UpdateControl.noUpdate();
        }
        plan.setStatus(status);
        return UpdateControl.patchStatus(plan);
    }

    private static boolean isOwn(Condition condition) {
        return Arrays.stream(PlanConditionType.values())
                .anyMatch(type -> type.name().equals(condition.getType()));
    }
}
