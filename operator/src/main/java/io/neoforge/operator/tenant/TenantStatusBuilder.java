package io.neoforge.operator.tenant;

import static java.util.Map.entry;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngress;
import io.neoforge.api.v1alpha1.common.StatusConditions;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.api.v1alpha1.tenant.TenantConditionReason;
import io.neoforge.api.v1alpha1.tenant.TenantConditionType;
import io.neoforge.api.v1alpha1.tenant.TenantDatabaseStatus;
import io.neoforge.api.v1alpha1.tenant.TenantNames;
import io.neoforge.api.v1alpha1.tenant.TenantPhase;
import io.neoforge.api.v1alpha1.tenant.TenantStatus;
import io.neoforge.operator.tenant.dependent.DatabaseSecretDependent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns what a reconciliation observed into the Tenant's status: one condition per part and a summary Ready, each
 * with a reason a person can act on; a failed object is reported on the condition of the part it belongs to. The
 * status says only what is true: no namespace, URL or database before they exist. It holds only the operator's own
 * condition types; conditions other writers own are neither copied nor compared (under server-side apply the operator
 * would otherwise take them over). Pure: the same inputs give the same status.
 */
public final class TenantStatusBuilder {

    /** A condition that flipped (or is new), for events. */
    public record Transition(TenantConditionType type, boolean status, TenantConditionReason reason, String message) {}

    /** The part, i.e. the condition, each dependent of the workflow belongs to, in the workflow's order. */
    static final Map<String, TenantConditionType> PART_OF = orderedParts();

    /** The parts whose readiness makes the tenant Ready, in the order Ready reports the first that is not. */
    private static final List<TenantConditionType> PARTS = List.of(
            TenantConditionType.NamespaceReady,
            TenantConditionType.DatabaseReady,
            TenantConditionType.WorkloadReady,
            TenantConditionType.RoutingReady);

    private final Tenant tenant;
    private final TenantStatus status;
    private final List<Transition> transitions = new ArrayList<>();
    private final Map<TenantConditionType, TenantConditionReason> reasons = new EnumMap<>(TenantConditionType.class);
    private final Instant now;

    public TenantStatusBuilder(Tenant tenant, Instant now) {
        this.tenant = tenant;
        this.now = now;
        this.status = copy(tenant.getStatus());
        status.setObservedGeneration(tenant.getMetadata().getGeneration());
    }

    private static Map<String, TenantConditionType> orderedParts() {
        Map<String, TenantConditionType> parts = new LinkedHashMap<>();
        for (var entry : List.of(
                entry(TenantObservation.NAMESPACE, TenantConditionType.NamespaceReady),
                entry(TenantObservation.QUOTA, TenantConditionType.NamespaceReady),
                entry(TenantObservation.LIMITS, TenantConditionType.NamespaceReady),
                entry(TenantObservation.NETWORK_POLICY, TenantConditionType.NamespaceReady),
                entry(TenantObservation.ADMIN_ROLE, TenantConditionType.NamespaceReady),
                entry(TenantObservation.ADMIN_ROLE_BINDING, TenantConditionType.NamespaceReady),
                entry(TenantObservation.DATABASE_SECRET, TenantConditionType.DatabaseReady),
                entry(TenantObservation.DATABASE, TenantConditionType.DatabaseReady),
                entry(TenantObservation.SERVICE_ACCOUNT, TenantConditionType.WorkloadReady),
                entry(TenantObservation.BRANDING, TenantConditionType.WorkloadReady),
                entry(TenantObservation.DEPLOYMENT, TenantConditionType.WorkloadReady),
                entry(TenantObservation.AUTOSCALER, TenantConditionType.WorkloadReady),
                entry(TenantObservation.DISRUPTION_BUDGET, TenantConditionType.WorkloadReady),
                entry(TenantObservation.SERVICE, TenantConditionType.RoutingReady),
                entry(TenantObservation.INGRESS, TenantConditionType.RoutingReady))) {
            parts.put(entry.getKey(), entry.getValue());
        }
        return java.util.Collections.unmodifiableMap(parts);
    }

    /** The part a dependent belongs to; a dependent this map does not know is reported on Ready. */
    static TenantConditionType partOf(String dependent) {
        return PART_OF.getOrDefault(dependent, TenantConditionType.Ready);
    }

    public TenantStatus status() {
        return status;
    }

    public List<Transition> transitions() {
        return transitions;
    }

    /** The name was refused, so nothing exists: the status holds the refusal and nothing else. */
    public TenantStatusBuilder invalidName(String problem) {
        List<Condition> ready = new ArrayList<>();
        StatusConditions.find(status.getConditions(), TenantConditionType.Ready.name())
                .ifPresent(ready::add);
        TenantStatus refused = new TenantStatus();
        refused.setObservedGeneration(status.getObservedGeneration());
        refused.setConditions(ready);
        copyInto(refused);
        set(TenantConditionType.Ready, false, TenantConditionReason.InvalidName, problem);
        status.setPhase(TenantPhase.Failed);
        return this;
    }

    public TenantStatusBuilder planNotFound() {
        String message = "Plan \"" + tenant.specOrEmpty().getPlan()
                + "\" does not exist; create it or choose another plan. " + "Existing objects are kept unchanged.";
        set(TenantConditionType.PlanResolved, false, TenantConditionReason.PlanNotFound, message);
        set(TenantConditionType.Ready, false, TenantConditionReason.PlanNotFound, message);
        if (status.getPhase() == null) {
            status.setPhase(TenantPhase.Provisioning);
        }
        return this;
    }

    public TenantStatusBuilder planInvalid(String problem) {
        String message = "Plan \"" + tenant.specOrEmpty().getPlan() + "\" cannot be applied: " + problem
                + ". Existing objects are kept unchanged.";
        set(TenantConditionType.PlanResolved, false, TenantConditionReason.PlanInvalid, message);
        set(TenantConditionType.Ready, false, TenantConditionReason.PlanInvalid, message);
        if (status.getPhase() == null) {
            status.setPhase(TenantPhase.Provisioning);
        }
        return this;
    }

    /** The namespace exists but is being deleted (by someone else); nothing can be created in it. */
    public TenantStatusBuilder namespaceTerminating() {
        status.setNamespace(tenant.namespaceName());
        set(
                TenantConditionType.NamespaceReady,
                false,
                TenantConditionReason.NamespaceTerminating,
                terminatingMessage());
        set(TenantConditionType.Ready, false, TenantConditionReason.NamespaceTerminating, terminatingMessage());
        status.setPhase(TenantPhase.Provisioning);
        return this;
    }

    private String terminatingMessage() {
        return "Namespace " + tenant.namespaceName() + " is being deleted; it is re-created once it is gone.";
    }

    public TenantStatusBuilder observed(TenantObservation seen, String url) {
        boolean suspended = tenant.specOrEmpty().isSuspended();
        set(
                TenantConditionType.PlanResolved,
                true,
                TenantConditionReason.PlanFound,
                "Plan \"" + tenant.specOrEmpty().getPlan() + "\" is applied.");
        status.setPlan(tenant.specOrEmpty().getPlan());
        status.setNamespace(seen.namespace().isPresent() ? tenant.namespaceName() : null);
        status.setUrl(seen.ingress().isPresent() ? url : null);

        boolean namespaceReady = namespace(seen);
        boolean databaseReady = database(seen);
        boolean workloadReady = workload(seen, suspended);
        boolean routingReady = routing(seen);
        set(
                TenantConditionType.Suspended,
                suspended,
                suspended ? TenantConditionReason.SuspendedBySpec : TenantConditionReason.Active,
                suspended
                        ? "spec.suspended is true: the app is scaled to zero and database login is disabled; data is kept."
                        : "The tenant is served.");

        if (suspended) {
            boolean settled = namespaceReady && databaseReady && workloadReady;
            set(
                    TenantConditionType.Ready,
                    false,
                    TenantConditionReason.Suspended,
                    settled
                            ? "The tenant is suspended; set spec.suspended to false to resume."
                            : "Suspending: "
                                    + firstNotReady().map(Condition::getMessage).orElse("in progress."));
            status.setPhase(TenantPhase.Suspended);
        } else if (namespaceReady && databaseReady && workloadReady && routingReady) {
            set(
                    TenantConditionType.Ready,
                    true,
                    TenantConditionReason.Provisioned,
                    "The tenant is served at " + url + ".");
            status.setPhase(TenantPhase.Ready);
            if (status.getFirstReadyTime() == null) {
                status.setFirstReadyTime(StatusConditions.format(now));
            }
        } else {
            Optional<Condition> first = firstNotReady();
            set(
                    TenantConditionType.Ready,
                    false,
                    first.map(c -> reasons.get(TenantConditionType.valueOf(c.getType())))
                            .orElse(TenantConditionReason.Provisioning),
                    first.map(Condition::getMessage).orElse("Provisioning."));
            status.setPhase(TenantPhase.Provisioning);
        }
        return this;
    }

    public TenantStatusBuilder deleting(TenantConditionReason reason, String message) {
        set(TenantConditionType.Ready, false, reason, message);
        status.setPhase(TenantPhase.Deleting);
        return this;
    }

    private boolean namespace(TenantObservation seen) {
        if (hasFailure(seen, TenantConditionType.NamespaceReady)) {
            return failed(seen, TenantConditionType.NamespaceReady);
        }
        if (seen.namespace().isEmpty()) {
            return set(
                    TenantConditionType.NamespaceReady,
                    false,
                    TenantConditionReason.NamespaceMissing,
                    "Namespace " + tenant.namespaceName() + " has not been created yet.");
        }
        var namespace = seen.namespace().get();
        if (namespace.getMetadata().getDeletionTimestamp() != null
                || (namespace.getStatus() != null
                        && "Terminating".equals(namespace.getStatus().getPhase()))) {
            return set(
                    TenantConditionType.NamespaceReady,
                    false,
                    TenantConditionReason.NamespaceTerminating,
                    terminatingMessage());
        }
        return set(
                TenantConditionType.NamespaceReady,
                true,
                TenantConditionReason.NamespaceReady,
                "Namespace " + tenant.namespaceName()
                        + " with quota, limits, network isolation and admin access is in place.");
    }

    private boolean database(TenantObservation seen) {
        String identifier = TenantNames.databaseIdentifier(tenant.getMetadata().getName());
        if (hasFailure(seen, TenantConditionType.DatabaseReady)) {
            return failed(seen, TenantConditionType.DatabaseReady);
        }
        if (seen.databaseDigest().isEmpty()) {
            return set(
                    TenantConditionType.DatabaseReady,
                    false,
                    TenantConditionReason.DatabasePending,
                    "Role and schema " + identifier + " have not been applied yet.");
        }
        TenantDatabaseStatus database = new TenantDatabaseStatus();
        database.setSchema(identifier);
        database.setRole(identifier);
        database.setSecretName(DatabaseSecretDependent.NAME);
        database.setAppliedDigest(seen.databaseDigest().get());
        status.setDatabase(database);
        boolean suspended = tenant.specOrEmpty().isSuspended();
        return set(
                TenantConditionType.DatabaseReady,
                true,
                suspended ? TenantConditionReason.LoginDisabled : TenantConditionReason.SchemaReady,
                "Schema " + identifier + " is owned by role " + identifier
                        + (suspended
                                ? "; login is disabled while suspended."
                                : "; credentials are in Secret " + DatabaseSecretDependent.NAME + "."));
    }

    private boolean workload(TenantObservation seen, boolean suspended) {
        if (hasFailure(seen, TenantConditionType.WorkloadReady)) {
            return failed(seen, TenantConditionType.WorkloadReady);
        }
        if (seen.deployment().isEmpty()) {
            return set(
                    TenantConditionType.WorkloadReady,
                    false,
                    TenantConditionReason.DeploymentMissing,
                    "The app Deployment has not been created yet.");
        }
        Deployment deployment = seen.deployment().get();
        var deploymentStatus = deployment.getStatus();
        long generation = Objects.requireNonNullElse(deployment.getMetadata().getGeneration(), 0L);
        long observed = deploymentStatus == null || deploymentStatus.getObservedGeneration() == null
                ? 0
                : deploymentStatus.getObservedGeneration();
        int available = deploymentStatus == null || deploymentStatus.getAvailableReplicas() == null
                ? 0
                : deploymentStatus.getAvailableReplicas();
        int replicas =
                deploymentStatus == null || deploymentStatus.getReplicas() == null ? 0 : deploymentStatus.getReplicas();
        int wanted = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
        if (suspended) {
            boolean drained = wanted == 0 && replicas == 0;
            return set(
                    TenantConditionType.WorkloadReady,
                    drained,
                    drained ? TenantConditionReason.ScaledToZero : TenantConditionReason.ScalingToZero,
                    drained ? "The app is scaled to zero." : replicas + " app replicas still running.");
        }
        if (observed < generation) {
            return set(
                    TenantConditionType.WorkloadReady,
                    false,
                    TenantConditionReason.DeploymentProgressing,
                    "The Deployment controller has not yet observed the latest app spec.");
        }
        if (available < 1 || !isAvailable(deployment)) {
            return set(
                    TenantConditionType.WorkloadReady,
                    false,
                    TenantConditionReason.DeploymentUnavailable,
                    available + " of " + wanted + " app replicas are available.");
        }
        return set(
                TenantConditionType.WorkloadReady,
                true,
                TenantConditionReason.DeploymentAvailable,
                available + " of " + wanted + " app replicas are available.");
    }

    private static boolean isAvailable(Deployment deployment) {
        var conditions = deployment.getStatus().getConditions();
        if (conditions == null || conditions.isEmpty()) {
            return true;
        }
        return conditions.stream()
                .filter(c -> "Available".equals(c.getType()))
                .findFirst()
                .map(c -> "True".equals(c.getStatus()))
                .orElse(true);
    }

    private boolean routing(TenantObservation seen) {
        if (hasFailure(seen, TenantConditionType.RoutingReady)) {
            return failed(seen, TenantConditionType.RoutingReady);
        }
        if (seen.ingress().isEmpty()) {
            return set(
                    TenantConditionType.RoutingReady,
                    false,
                    TenantConditionReason.IngressMissing,
                    "The Ingress has not been created yet.");
        }
        Ingress ingress = seen.ingress().get();
        String host = ingress.getSpec().getRules().get(0).getHost();
        List<IngressLoadBalancerIngress> addresses =
                ingress.getStatus() == null || ingress.getStatus().getLoadBalancer() == null
                        ? List.of()
                        : Objects.requireNonNullElse(
                                ingress.getStatus().getLoadBalancer().getIngress(), List.of());
        String address = addresses.stream()
                .map(a -> a.getIp() != null ? a.getIp() : a.getHostname())
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
        return set(
                TenantConditionType.RoutingReady,
                true,
                address == null ? TenantConditionReason.IngressCreated : TenantConditionReason.IngressAdmitted,
                "Host " + host + " routes to the app"
                        + (address == null
                                ? "; the ingress controller has not published an address yet."
                                : " via " + address + "."));
    }

    /** The first part (in PARTS' order) whose condition, set in this pass, is not True. */
    private Optional<Condition> firstNotReady() {
        for (TenantConditionType type : PARTS) {
            Optional<Condition> condition = StatusConditions.find(status.getConditions(), type.name());
            if (condition.isPresent()
                    && reasons.containsKey(type)
                    && !StatusConditions.TRUE.equals(condition.get().getStatus())) {
                return condition;
            }
        }
        return Optional.empty();
    }

    private boolean set(TenantConditionType type, boolean value, TenantConditionReason reason, String message) {
        reasons.put(type, reason);
        if (StatusConditions.set(
                status.getConditions(),
                type.name(),
                value,
                reason.name(),
                message,
                tenant.getMetadata().getGeneration(),
                now)) {
            transitions.add(new Transition(type, value, reason, message));
        }
        return value;
    }

    private static boolean hasFailure(TenantObservation seen, TenantConditionType part) {
        return seen.errors().keySet().stream().anyMatch(dependent -> partOf(dependent) == part);
    }

    /**
     * Objects of this part failed: its condition gets the first failure's reason and a sentence for people, and names
     * the others; the exceptions themselves are logged.
     */
    private boolean failed(TenantObservation seen, TenantConditionType part) {
        List<String> failed = new ArrayList<>(PART_OF.keySet().stream()
                .filter(dependent ->
                        part == PART_OF.get(dependent) && seen.errors().containsKey(dependent))
                .toList());
        seen.errors().keySet().stream()
                .filter(dependent -> !PART_OF.containsKey(dependent) && partOf(dependent) == part)
                .sorted()
                .forEach(failed::add);
        String first = failed.get(0);
        FailureExplanation explanation =
                FailureExplanation.of(first, tenant, seen.errors().get(first));
        String others = failed.stream()
                .skip(1)
                .map(name -> OwnedObjects.describe(name, tenant))
                .collect(Collectors.joining("; "));
        return set(
                part,
                false,
                explanation.reason(),
                explanation.message() + (others.isEmpty() ? "" : " Also not applied: " + others + "."));
    }

    /** The old status with only the operator's own condition types (each a copy, so the old one stays untouched). */
    private static TenantStatus copy(TenantStatus old) {
        TenantStatus copy = new TenantStatus();
        copy.setConditions(ownConditions(old));
        if (old == null) {
            return copy;
        }
        copy.setPhase(old.getPhase());
        copy.setUrl(old.getUrl());
        copy.setNamespace(old.getNamespace());
        copy.setPlan(old.getPlan());
        copy.setDatabase(old.getDatabase());
        copy.setFirstReadyTime(old.getFirstReadyTime());
        return copy;
    }

    private void copyInto(TenantStatus replacement) {
        status.setPhase(replacement.getPhase());
        status.setObservedGeneration(replacement.getObservedGeneration());
        status.setConditions(replacement.getConditions());
        status.setUrl(replacement.getUrl());
        status.setNamespace(replacement.getNamespace());
        status.setPlan(replacement.getPlan());
        status.setDatabase(replacement.getDatabase());
        status.setFirstReadyTime(replacement.getFirstReadyTime());
    }

    /** Copies of the conditions whose type is one of the operator's; conditions of other writers are left out. */
    static List<Condition> ownConditions(TenantStatus status) {
        List<Condition> own = new ArrayList<>();
        if (status == null) {
            return own;
        }
        for (Condition c : status.conditionsOrEmpty()) {
            if (isOwn(c)) {
                own.add(new Condition(
                        c.getLastTransitionTime(),
                        c.getMessage(),
                        c.getObservedGeneration(),
                        c.getReason(),
                        c.getStatus(),
                        c.getType()));
            }
        }
        return own;
    }

    static boolean isOwn(Condition condition) {
        for (TenantConditionType type : TenantConditionType.values()) {
            if (type.name().equals(condition.getType())) {
                return true;
            }
        }
        return false;
    }

    /** True when the new status says something the old one did not (conditions of other writers do not count). */
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
                || !StatusConditions.sameIgnoringTime(ownConditions(old), ownConditions(updated));
    }
}
