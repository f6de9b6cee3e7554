package io.neoforge.operator.tenant;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import io.neoforge.api.v1alpha1.plan.Plan;
import io.neoforge.api.v1alpha1.tenant.DeletionPolicy;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.api.v1alpha1.tenant.TenantConditionReason;
import io.neoforge.api.v1alpha1.tenant.TenantNames;
import io.neoforge.operator.plan.PlanValidation;
import io.neoforge.operator.tenant.dependent.AdminRoleBindingDependent;
import io.neoforge.operator.tenant.dependent.AdminRoleDependent;
import io.neoforge.operator.tenant.dependent.AppDeploymentDependent;
import io.neoforge.operator.tenant.dependent.AppServiceDependent;
import io.neoforge.operator.tenant.dependent.AutoscalerDependent;
import io.neoforge.operator.tenant.dependent.BrandingConfigMapDependent;
import io.neoforge.operator.tenant.dependent.DatabaseDependent;
import io.neoforge.operator.tenant.dependent.DatabaseSecretDependent;
import io.neoforge.operator.tenant.dependent.DisruptionBudgetDependent;
import io.neoforge.operator.tenant.dependent.IngressDependent;
import io.neoforge.operator.tenant.dependent.LimitRangeDependent;
import io.neoforge.operator.tenant.dependent.NamespaceDependent;
import io.neoforge.operator.tenant.dependent.NetworkPolicyDependent;
import io.neoforge.operator.tenant.dependent.NotSuspended;
import io.neoforge.operator.tenant.dependent.ResourceQuotaDependent;
import io.neoforge.operator.tenant.dependent.ServiceAccountDependent;
import io.quarkiverse.operatorsdk.annotations.RBACRule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/** Turns each Tenant into its namespace, database and workload, and reports how that went. */
@ControllerConfiguration(name = "tenant")
// TenantCrdDeletion reads the Tenant CRD before any cleanup.
@RBACRule(
        apiGroups = "apiextensions.k8s.io",
        resources = "customresourcedefinitions",
        verbs = "get",
        resourceNames = "tenants.neoforge.io")
@GradualRetry(maxAttempts = -1, initialInterval = 1000, intervalMultiplier = 2, maxInterval = 60_000)
@Workflow(
        explicitInvocation = true,
        dependents = {
            @Dependent(name = TenantObservation.NAMESPACE, type = NamespaceDependent.class),
            @Dependent(
                    name = TenantObservation.QUOTA,
                    type = ResourceQuotaDependent.class,
                    dependsOn = TenantObservation.NAMESPACE),
            @Dependent(
                    name = TenantObservation.LIMITS,
                    type = LimitRangeDependent.class,
                    dependsOn = TenantObservation.NAMESPACE),
            @Dependent(
                    name = TenantObservation.NETWORK_POLICY,
                    type = NetworkPolicyDependent.class,
                    dependsOn = TenantObservation.NAMESPACE),
            @Dependent(
                    name = TenantObservation.SERVICE_ACCOUNT,
                    type = ServiceAccountDependent.class,
                    dependsOn = TenantObservation.NAMESPACE),
            @Dependent(
                    name = TenantObservation.ADMIN_ROLE,
                    type = AdminRoleDependent.class,
                    dependsOn = TenantObservation.NAMESPACE),
            @Dependent(
                    name = TenantObservation.ADMIN_ROLE_BINDING,
                    type = AdminRoleBindingDependent.class,
                    dependsOn = TenantObservation.ADMIN_ROLE),
            @Dependent(
                    name = TenantObservation.BRANDING,
                    type = BrandingConfigMapDependent.class,
                    dependsOn = TenantObservation.NAMESPACE),
            @Dependent(
                    name = TenantObservation.DATABASE_SECRET,
                    type = DatabaseSecretDependent.class,
                    dependsOn = TenantObservation.NAMESPACE),
            @Dependent(
                    name = TenantObservation.DATABASE,
                    type = DatabaseDependent.class,
                    dependsOn = TenantObservation.DATABASE_SECRET),
            @Dependent(
                    name = TenantObservation.DEPLOYMENT,
                    type = AppDeploymentDependent.class,
                    dependsOn = {
                        TenantObservation.DATABASE_SECRET,
                        TenantObservation.BRANDING,
                        TenantObservation.SERVICE_ACCOUNT
                    }),
            @Dependent(
                    name = TenantObservation.SERVICE,
                    type = AppServiceDependent.class,
                    dependsOn = TenantObservation.NAMESPACE),
            @Dependent(
                    name = TenantObservation.AUTOSCALER,
                    type = AutoscalerDependent.class,
                    dependsOn = TenantObservation.DEPLOYMENT,
                    reconcilePrecondition = NotSuspended.class),
            @Dependent(
                    name = TenantObservation.DISRUPTION_BUDGET,
                    type = DisruptionBudgetDependent.class,
                    dependsOn = TenantObservation.NAMESPACE),
            @Dependent(
                    name = TenantObservation.INGRESS,
                    type = IngressDependent.class,
                    dependsOn = TenantObservation.SERVICE),
        })
public class TenantReconciler implements Reconciler<Tenant>, Cleaner<Tenant> {
    static final String PLAN_INDEX = "tenant-by-plan";
    private static final Duration NAMESPACE_RECHECK = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(TenantReconciler.class);

    private final TenantUrls urls;
    private final TenantStatusPublisher status;
    private final TenantMetrics metrics;
    private final TenantEvents events;
    private final TenantDeletionGate deletionGate;
    private final TenantCrdDeletion crdDeletion;

    public TenantReconciler(
            TenantUrls urls,
            TenantStatusPublisher status,
            TenantMetrics metrics,
            TenantEvents events,
            TenantDeletionGate deletionGate,
            TenantCrdDeletion crdDeletion) {
        this.urls = urls;
        this.status = status;
        this.metrics = metrics;
        this.events = events;
        this.deletionGate = deletionGate;
        this.crdDeletion = crdDeletion;
    }

    @Override
    public List<EventSource<?, Tenant>> prepareEventSources(EventSourceContext<Tenant> context) {
        context.getPrimaryCache()
                .addIndexer(
                        PLAN_INDEX,
                        tenant -> List.of(String.valueOf(tenant.specOrEmpty().getPlan())));
        var plans = InformerEventSourceConfiguration.from(Plan.class, Tenant.class)
                .withName("plans")
                .withOnUpdateFilter(new OnPlanSpecChange())
                .withPrimaryToSecondaryMapper(
                        (Tenant tenant) -> tenant.specOrEmpty().getPlan() == null
                                ? Set.of()
                                : Set.of(new ResourceID(tenant.specOrEmpty().getPlan())))
                .withSecondaryToPrimaryMapper(
                        plan -> context
                                .getPrimaryCache()
                                .byIndex(PLAN_INDEX, plan.getMetadata().getName())
                                .stream()
                                .map(ResourceID::fromResource)
                                .collect(Collectors.toSet()))
                .build();
        return List.of(new InformerEventSource<>(plans, context));
    }

    @Override
    public UpdateControl<Tenant> reconcile(Tenant tenant, Context<Tenant> context) {
        String name = tenant.getMetadata().getName();
        TenantStatusBuilder builder = new TenantStatusBuilder(tenant, Instant.now());

        Optional<String> nameProblem = TenantNames.problem(name);
        if (nameProblem.isPresent()) {
            return finish(tenant, builder.invalidName(nameProblem.get()), context);
        }
        Optional<Plan> plan = context.getSecondaryResource(Plan.class);
        if (plan.isEmpty()) {
            LOG.infof(
                    "tenant %s: plan %s not found, keeping what exists",
                    name, tenant.specOrEmpty().getPlan());
            return finish(tenant, builder.planNotFound(), context);
        }

        Optional<String> planProblem = PlanValidation.problem(plan.get());
        if (planProblem.isPresent()) {
            return finish(tenant, builder.planInvalid(planProblem.get()), context);
        }
        Optional<Namespace> namespace = context.getSecondaryResource(Namespace.class);
        if (namespace.isPresent() && namespace.get().getMetadata().getDeletionTimestamp() != null) {
            // Every create in a terminating namespace is refused; its deletion event brings us back.
            return finish(tenant, builder.namespaceTerminating(), context).rescheduleAfter(NAMESPACE_RECHECK);
        }
        TenantContext.putPlan(context, plan.get());
        Map<String, Exception> errors = Map.of();
        AggregatedOperatorException failure = null;
        try {
            context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
        } catch (AggregatedOperatorException e) {
            failure = e;
            errors = e.getAggregatedExceptions();
        }
        TenantObservation seen = new TenantObservation(
                plan,
                context.getSecondaryResource(Namespace.class),
                context.getSecondaryResource(Deployment.class),
                context.getSecondaryResource(Ingress.class),
                TenantContext.databaseDigest(context),
                errors);
        builder.observed(seen, urls.url(tenant));

        if (failure != null) {
            // Report what failed, then let JOSDK retry with backoff (see updateErrorStatus).
            TenantContext.putFailedStatus(context, builder);
            throw failure;
        }
        return finish(tenant, builder, context);
    }

    @Override
    public ErrorStatusUpdateControl<Tenant> updateErrorStatus(Tenant tenant, Context<Tenant> context, Exception e) {
        // The exceptions go to the log only; the status says what failed in words (FailureExplanation).
        Optional<AggregatedOperatorException> aggregated = aggregate(e);
        if (aggregated.isPresent()) {
            aggregated
                    .get()
                    .getAggregatedExceptions()
                    .forEach((part, cause) -> LOG.warnf(
                            cause,
                            "tenant %s: %s failed, retrying",
                            tenant.getMetadata().getName(),
                            part));
        } else {
            LOG.warnf(
                    e,
                    "tenant %s: reconciliation failed, retrying",
                    tenant.getMetadata().getName());
        }
        Optional<TenantStatusBuilder> failed = TenantContext.failedStatus(context);
        if (failed.isPresent()) {
            try {
                // Written here, not by JOSDK, so that the events follow the write that records them.
                status.publish(tenant, failed.get(), context);
            } catch (RuntimeException writeFailed) {
                LOG.warnf(
                        writeFailed,
                        "tenant %s: could not write the status of the failed reconciliation",
                        tenant.getMetadata().getName());
            }
        }
        return ErrorStatusUpdateControl.noStatusUpdate();
    }

    /** JOSDK hands updateErrorStatus the workflow's aggregate wrapped in an OperatorException. */
    private static Optional<AggregatedOperatorException> aggregate(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof AggregatedOperatorException aggregated) {
                return Optional.of(aggregated);
            }
        }
        return Optional.empty();
    }

    @Override
    public DeleteControl cleanup(Tenant tenant, Context<Tenant> context) {
        String name = tenant.getMetadata().getName();
        if (crdDeletion.inProgress()) {
            crdDeletion.keep(tenant);
            metrics.forget(name);
            return DeleteControl.defaultDelete();
        }
        TenantStatusBuilder builder = new TenantStatusBuilder(tenant, Instant.now());
        TenantDeletionGate.Verdict verdict = deletionGate.check(tenant);
        if (!verdict.allowed()) {
            status.publish(
                    tenant,
                    builder.deleting(TenantConditionReason.valueOf(verdict.reason()), verdict.message()),
                    context);
            DeleteControl wait = DeleteControl.noFinalizerRemoval();
            return verdict.retryAfter()
                    .map(delay -> wait.rescheduleAfter(delay.toMillis()))
                    .orElse(wait);
        }
        if (!TenantNames.isValid(name)) {
            // Nothing was ever provisioned for a name the operator refused.
            return DeleteControl.defaultDelete();
        }
        try {
            context.managedWorkflowAndDependentResourceContext().cleanupManageWorkflow();
        } catch (AggregatedOperatorException e) {
            e.getAggregatedExceptions()
                    .forEach((part, cause) -> LOG.warnf(cause, "tenant %s: deleting %s failed, retrying", name, part));
            Map.Entry<String, Exception> first =
                    e.getAggregatedExceptions().entrySet().iterator().next();
            status.publish(
                    tenant,
                    builder.deleting(
                            TenantConditionReason.DeletionFailed,
                            "Could not finish deleting: "
                                    + FailureExplanation.of(first.getKey(), tenant, first.getValue())
                                            .message()),
                    context);
            throw e;
        }
        metrics.forget(name);
        events.normal(
                tenant,
                "Deleted",
                "Namespace " + tenant.namespaceName() + " deleted; database "
                        + (tenant.specOrEmpty().effectiveDeletionPolicy() == DeletionPolicy.Delete
                                ? "dropped."
                                : "retained with login disabled."));
        LOG.infof(
                "tenant %s: deleted (deletionPolicy %s)",
                name, tenant.specOrEmpty().effectiveDeletionPolicy());
        return DeleteControl.defaultDelete();
    }

    /** Writes the status itself (then the events), so JOSDK has nothing left to write. */
    private UpdateControl<Tenant> finish(Tenant tenant, TenantStatusBuilder builder, Context<Tenant> context) {
        status.publish(tenant, builder, context);
        return UpdateControl.noUpdate();
    }
}
