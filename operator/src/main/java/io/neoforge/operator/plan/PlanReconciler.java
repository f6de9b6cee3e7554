package io.neoforge.operator.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

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
import io.neoforge.api.v1alpha1.plan.PlanStatus;
import io.neoforge.api.v1alpha1.tenant.Tenant;

/**
 * Reports whether a Plan can be used (see {@link PlanValidation}) and how many tenants are on it.
 */
@ControllerConfiguration(name = "plan")
public class PlanReconciler implements Reconciler<Plan> {

    @Override
    public List<EventSource<?, Plan>> prepareEventSources(EventSourceContext<Plan> context) {
        var tenants = InformerEventSourceConfiguration.from(Tenant.class, Plan.class)
                .withName("tenants-by-plan")
                .withSecondaryToPrimaryMapper(tenant -> Set.of(new ResourceID(tenant.getSpec().getPlan())))
                .build();
        return List.of(new InformerEventSource<>(tenants, context));
    }

    @Override
    public UpdateControl<Plan> reconcile(Plan plan, Context<Plan> context) {
        PlanStatus old = plan.getStatus();
        PlanStatus status = new PlanStatus();
        List<Condition> conditions = new ArrayList<>();
        if (old != null && old.getConditions() != null) {
            old.getConditions().forEach(c -> conditions.add(new Condition(c.getLastTransitionTime(), c.getMessage(),
                    c.getObservedGeneration(), c.getReason(), c.getStatus(), c.getType())));
        }
        status.setConditions(conditions);
        status.setObservedGeneration(plan.getMetadata().getGeneration());
        status.setTenants((int) context.getSecondaryResourcesAsStream(Tenant.class)
                .filter(t -> t.getMetadata().getDeletionTimestamp() == null).count());

        Optional<String> problem = PlanValidation.problem(plan);
        StatusConditions.set(conditions, "Ready", problem.isEmpty(), problem.isEmpty() ? "Accepted" : "InvalidPlan",
                problem.orElse("Tenants can use this plan."), plan.getMetadata().getGeneration(), Instant.now());

        if (old != null && Objects.equals(old.getTenants(), status.getTenants())
                && Objects.equals(old.getObservedGeneration(), status.getObservedGeneration())
                && StatusConditions.sameIgnoringTime(old.getConditions(), conditions)) {
            return UpdateControl.noUpdate();
        }
        plan.setStatus(status);
        return UpdateControl.patchStatus(plan);
    }
}
