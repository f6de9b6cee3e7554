package io.neoforge.operator.tenant;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngress;
import io.neoforge.api.v1alpha1.common.StatusConditions;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.api.v1alpha1.tenant.TenantConditions;
import io.neoforge.api.v1alpha1.tenant.TenantDatabaseStatus;
import io.neoforge.api.v1alpha1.tenant.TenantNames;
import io.neoforge.api.v1alpha1.tenant.TenantPhase;
import io.neoforge.api.v1alpha1.tenant.TenantStatus;
import io.neoforge.operator.tenant.dependent.DatabaseSecretDependent;

/**
 * Turns what a reconciliation observed into the Tenant's status: one condition per part and a
 * summary Ready, each with a reason a person can act on. Pure: the same inputs give the same status.
 */
public final class TenantStatusBuilder {

    /** A condition that flipped, for events. */
    public record Transition(String type, boolean status, String reason, String message) {
    }

    private final Tenant tenant;
    private final TenantStatus status;
    private final List<Transition> transitions = new ArrayList<>();
    private final Instant now;

    public TenantStatusBuilder(Tenant tenant, Instant now) {
        this.tenant = tenant;
        this.now = now;
        this.status = copy(tenant.getStatus());
        status.setObservedGeneration(tenant.getMetadata().getGeneration());
        status.setNamespace(tenant.namespaceName());
    }

    public TenantStatus status() {
        return status;
    }

    public List<Transition> transitions() {
        return transitions;
    }

    public TenantStatusBuilder invalidName(String problem) {
        set(TenantConditions.READY, false, "InvalidName", problem);
        status.setPhase(TenantPhase.Failed);
        return this;
    }

    public TenantStatusBuilder planNotFound() {
        String message = "Plan \"" + tenant.specOrEmpty().getPlan() + "\" does not exist; create it or choose another plan. "
                + "Existing objects are kept unchanged.";
        set(TenantConditions.PLAN_RESOLVED, false, "PlanNotFound", message);
        set(TenantConditions.READY, false, "PlanNotFound", message);
        if (status.getPhase() == null) {
            status.setPhase(TenantPhase.Provisioning);
        }
        return this;
    }

    public TenantStatusBuilder namespaceTerminating() {
        set(TenantConditions.NAMESPACE_READY, false, "NamespaceTerminating", terminatingMessage());
        set(TenantConditions.READY, false, "NamespaceTerminating", terminatingMessage());
        status.setPhase(TenantPhase.Provisioning);
        return this;
    }

    private String terminatingMessage() {
        return "Namespace " + tenant.namespaceName() + " is being deleted; it is re-created once it is gone.";
    }

    public TenantStatusBuilder planInvalid(String problem) {
        String message = "Plan \"" + tenant.specOrEmpty().getPlan() + "\" cannot be applied: " + problem
                + ". Existing objects are kept unchanged.";
        set(TenantConditions.PLAN_RESOLVED, false, "PlanInvalid", message);
        set(TenantConditions.READY, false, "PlanInvalid", message);
        if (status.getPhase() == null) {
            status.setPhase(TenantPhase.Provisioning);
        }
        return this;
    }

    public TenantStatusBuilder observed(TenantObservation seen, String url) {
        boolean suspended = tenant.specOrEmpty().isSuspended();
        set(TenantConditions.PLAN_RESOLVED, true, "PlanFound", "Plan \"" + tenant.specOrEmpty().getPlan() + "\" is applied.");
        status.setPlan(tenant.specOrEmpty().getPlan());
        status.setUrl(url);

        boolean namespaceReady = namespace(seen);
        boolean databaseReady = database(seen);
        boolean workloadReady = workload(seen, suspended);
        boolean routingReady = routing(seen);
        set(TenantConditions.SUSPENDED, suspended, suspended ? "SuspendedBySpec" : "Active", suspended
                ? "spec.suspended is true: the app is scaled to zero and database login is disabled; data is kept."
                : "The tenant is served.");

        if (suspended) {
            boolean settled = namespaceReady && databaseReady && workloadReady;
            set(TenantConditions.READY, false, "Suspended", settled
                    ? "The tenant is suspended; set spec.suspended to false to resume."
                    : "Suspending: " + firstProblem());
            status.setPhase(TenantPhase.Suspended);
        } else if (namespaceReady && databaseReady && workloadReady && routingReady) {
            set(TenantConditions.READY, true, "Provisioned", "The tenant is served at " + url + ".");
            status.setPhase(TenantPhase.Ready);
            if (status.getFirstReadyTime() == null) {
                status.setFirstReadyTime(StatusConditions.format(now));
            }
        } else {
            Condition first = firstFalse();
            set(TenantConditions.READY, false, first.getReason(), first.getMessage());
            status.setPhase(TenantPhase.Provisioning);
        }
        return this;
    }

    public TenantStatusBuilder deleting(String reason, String message) {
        set(TenantConditions.READY, false, reason, message);
        status.setPhase(TenantPhase.Deleting);
        return this;
    }

    private boolean namespace(TenantObservation seen) {
        Optional<Exception> error = seen.error(TenantObservation.NAMESPACE);
        if (error.isPresent()) {
            return failed(TenantConditions.NAMESPACE_READY, TenantObservation.NAMESPACE, error.get(), "");
        }
        if (seen.namespace().isEmpty()) {
            return set(TenantConditions.NAMESPACE_READY, false, "NamespaceMissing",
                    "Namespace " + tenant.namespaceName() + " has not been created yet.");
        }
        var namespace = seen.namespace().get();
        if (namespace.getMetadata().getDeletionTimestamp() != null
                || (namespace.getStatus() != null && "Terminating".equals(namespace.getStatus().getPhase()))) {
            return set(TenantConditions.NAMESPACE_READY, false, "NamespaceTerminating", terminatingMessage());
        }
        List<String> failed = seen.errors().keySet().stream()
                .filter(name -> !List.of(TenantObservation.DATABASE, TenantObservation.DEPLOYMENT,
                        TenantObservation.INGRESS).contains(name))
                .sorted().toList();
        if (!failed.isEmpty()) {
            String others = failed.stream().skip(1).map(name -> OwnedObjects.describe(name, tenant))
                    .collect(Collectors.joining("; "));
            return failed(TenantConditions.NAMESPACE_READY, failed.get(0), seen.errors().get(failed.get(0)),
                    others.isEmpty() ? "" : " Also not applied: " + others + ".");
        }
        return set(TenantConditions.NAMESPACE_READY, true, "NamespaceReady", "Namespace " + tenant.namespaceName()
                + " with quota, limits, network isolation and admin access is in place.");
    }

    private boolean database(TenantObservation seen) {
        Optional<Exception> error = seen.error(TenantObservation.DATABASE);
        String identifier = TenantNames.databaseIdentifier(tenant.getMetadata().getName());
        if (error.isPresent()) {
            return failed(TenantConditions.DATABASE_READY, TenantObservation.DATABASE, error.get(), "");
        }
        if (seen.databaseDigest().isEmpty()) {
            return set(TenantConditions.DATABASE_READY, false, "DatabasePending",
                    "Role and schema " + identifier + " have not been applied yet.");
        }
        TenantDatabaseStatus database = new TenantDatabaseStatus();
        database.setSchema(identifier);
        database.setRole(identifier);
        database.setSecretName(DatabaseSecretDependent.NAME);
        database.setAppliedDigest(seen.databaseDigest().get());
        status.setDatabase(database);
        return set(TenantConditions.DATABASE_READY, true, tenant.specOrEmpty().isSuspended() ? "LoginDisabled" : "SchemaReady",
                "Schema " + identifier + " is owned by role " + identifier + (tenant.specOrEmpty().isSuspended()
                        ? "; login is disabled while suspended." : "; credentials are in Secret "
                                + DatabaseSecretDependent.NAME + "."));
    }

    private boolean workload(TenantObservation seen, boolean suspended) {
        Optional<Exception> error = seen.error(TenantObservation.DEPLOYMENT);
        if (error.isPresent()) {
            return failed(TenantConditions.WORKLOAD_READY, TenantObservation.DEPLOYMENT, error.get(), "");
        }
        if (seen.deployment().isEmpty()) {
            return set(TenantConditions.WORKLOAD_READY, false, "DeploymentMissing", "The app Deployment has not been created yet.");
        }
        Deployment deployment = seen.deployment().get();
        var deploymentStatus = deployment.getStatus();
        long generation = Objects.requireNonNullElse(deployment.getMetadata().getGeneration(), 0L);
        long observed = deploymentStatus == null || deploymentStatus.getObservedGeneration() == null ? 0
                : deploymentStatus.getObservedGeneration();
        int available = deploymentStatus == null || deploymentStatus.getAvailableReplicas() == null ? 0
                : deploymentStatus.getAvailableReplicas();
        int replicas = deploymentStatus == null || deploymentStatus.getReplicas() == null ? 0 : deploymentStatus.getReplicas();
        int wanted = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
        if (suspended) {
            boolean drained = wanted == 0 && replicas == 0;
            return set(TenantConditions.WORKLOAD_READY, drained, drained ? "ScaledToZero" : "ScalingToZero",
                    drained ? "The app is scaled to zero." : replicas + " app replicas still running.");
        }
        if (observed < generation) {
            return set(TenantConditions.WORKLOAD_READY, false, "DeploymentProgressing",
                    "The Deployment controller has not yet observed the latest app spec.");
        }
        if (available < 1 || !isAvailable(deployment)) {
            return set(TenantConditions.WORKLOAD_READY, false, "DeploymentUnavailable",
                    available + " of " + wanted + " app replicas are available.");
        }
        return set(TenantConditions.WORKLOAD_READY, true, "DeploymentAvailable",
                available + " of " + wanted + " app replicas are available.");
    }

    private static boolean isAvailable(Deployment deployment) {
        var conditions = deployment.getStatus().getConditions();
        if (conditions == null || conditions.isEmpty()) {
            return true;
        }
        return conditions.stream().filter(c -> "Available".equals(c.getType())).findFirst()
                .map(c -> "True".equals(c.getStatus())).orElse(true);
    }

    private boolean routing(TenantObservation seen) {
        Optional<Exception> error = seen.error(TenantObservation.INGRESS);
        if (error.isPresent()) {
            return failed(TenantConditions.ROUTING_READY, TenantObservation.INGRESS, error.get(), "");
        }
        if (seen.ingress().isEmpty()) {
            return set(TenantConditions.ROUTING_READY, false, "IngressMissing", "The Ingress has not been created yet.");
        }
        Ingress ingress = seen.ingress().get();
        String host = ingress.getSpec().getRules().get(0).getHost();
        List<IngressLoadBalancerIngress> addresses = ingress.getStatus() == null || ingress.getStatus().getLoadBalancer() == null
                ? List.of() : Objects.requireNonNullElse(ingress.getStatus().getLoadBalancer().getIngress(), List.of());
        String address = addresses.stream().map(a -> a.getIp() != null ? a.getIp() : a.getHostname())
                .filter(Objects::nonNull).findFirst().orElse(null);
        return set(TenantConditions.ROUTING_READY, true, address == null ? "IngressCreated" : "IngressAdmitted",
                "Host " + host + " routes to the app" + (address == null
                        ? "; the ingress controller has not published an address yet." : " via " + address + "."));
    }

    private String firstProblem() {
        return firstFalse().getMessage();
    }

    private Condition firstFalse() {
        for (String type : List.of(TenantConditions.NAMESPACE_READY, TenantConditions.DATABASE_READY,
                TenantConditions.WORKLOAD_READY, TenantConditions.ROUTING_READY)) {
            Optional<Condition> condition = StatusConditions.find(status.getConditions(), type);
            if (condition.isPresent() && !StatusConditions.TRUE.equals(condition.get().getStatus())) {
                return condition.get();
            }
        }
        return StatusConditions.find(status.getConditions(), TenantConditions.READY)
                .orElseGet(() -> new Condition(null, "Provisioning.", null, "Provisioning", StatusConditions.FALSE, TenantConditions.READY));
    }

    private boolean set(String type, boolean value, String reason, String message) {
        if (StatusConditions.set(status.getConditions(), type, value, reason, message,
                tenant.getMetadata().getGeneration(), now)) {
            transitions.add(new Transition(type, value, reason, message));
        }
        return value;
    }

    /** A part failed: its condition gets a reason and a sentence for people; the exception itself is logged. */
    private boolean failed(String type, String dependent, Exception error, String more) {
        FailureExplanation explanation = FailureExplanation.of(dependent, tenant, error);
        return set(type, false, explanation.reason(), explanation.message() + more);
    }

    private static TenantStatus copy(TenantStatus old) {
        TenantStatus copy = new TenantStatus();
        List<Condition> conditions = new ArrayList<>();
        copy.setConditions(conditions);
        if (old == null) {
            return copy;
        }
        copy.setPhase(old.getPhase());
        copy.setUrl(old.getUrl());
        copy.setPlan(old.getPlan());
        copy.setDatabase(old.getDatabase());
        copy.setFirstReadyTime(old.getFirstReadyTime());
        for (Condition c : old.conditionsOrEmpty()) {
            conditions.add(new Condition(c.getLastTransitionTime(), c.getMessage(), c.getObservedGeneration(), c.getReason(),
                    c.getStatus(), c.getType()));
        }
        return copy;
    }

    /** True when the new status says something the old one did not. */
    public static boolean changed(TenantStatus old, TenantStatus updated) {
        if (old == null) {
            return true;
        }
        return old.getPhase() != updated.getPhase()
                || !Objects.equals(old.getObservedGeneration(), updated.getObservedGeneration())
                || !Objects.equals(old.getUrl(), updated.getUrl())
                || !Objects.equals(old.getNamespace(), updated.getNamespace())
                || !Objects.equals(old.getPlan(), updated.getPlan())
                || !Objects.equals(old.getDatabase(), updated.getDatabase())
                || !Objects.equals(old.getFirstReadyTime(), updated.getFirstReadyTime())
                || !StatusConditions.sameIgnoringTime(old.getConditions(), updated.getConditions());
    }
}
