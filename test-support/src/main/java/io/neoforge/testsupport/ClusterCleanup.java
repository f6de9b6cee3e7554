package io.neoforge.testsupport;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.neoforge.api.v1alpha1.plan.Plan;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.sandbox.NamespaceContents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What tests leave in the API server, removed the way a cluster would remove it, so that a shared cluster
 * ({@link TestCluster#KUBECONFIG_ENV}) ends a test as it found it: Tenants (deletion protection lifted first, then
 * deleted, which runs the operator's finalizer where an operator runs), the tenant namespaces and namespaces labelled
 * {@value #TEST_LABEL} (emptied and finalized as the namespace controller would: a real API server without one keeps
 * them {@code Terminating}), and Plans.
 */
public final class ClusterCleanup {

    /** Label of namespaces a test creates for itself (not a tenant's), so that the clean-up finds them. */
    public static final String TEST_LABEL = "neoforge.io/integration-test";
    /** Label the operator puts on each tenant's namespace. */
    static final String TENANT_LABEL = "neoforge.io/tenant";

    private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);
    private static final String TENANT_CRD = "tenants.neoforge.io";
    private static final String PLAN_CRD = "plans.neoforge.io";

    private ClusterCleanup() {}

    /** The uids of the Tenants, Plans and tenant or test namespaces that exist at one moment. */
    public record Snapshot(Set<String> tenants, Set<String> plans, Set<String> namespaces) {}

    /** What exists now: what {@link #deleteCreatedSince} leaves alone. */
    public static Snapshot snapshot(KubernetesClient client) {
        return new Snapshot(uids(tenants(client)), uids(plans(client)), uids(labelledNamespaces(client)));
    }

    /**
     * Deletes what was created since {@code before}: Tenants first (waiting until they are gone, that is until the
     * operator, if one runs, has finished its clean-up), then their namespaces and test namespaces, then Plans.
     *
     * @param operatorRuns whether an operator reconciles the Tenants: then each is deleted only once the operator has
     *        put its finalizer on it. Deleted earlier, the operator's apply of that finalizer would reach a Tenant that
     *        is gone, and an apply creates what is missing: a Tenant without spec, which nothing can delete.
     * @throws IllegalStateException when something is not gone within {@code timeout}
     */
    public static void deleteCreatedSince(
            KubernetesClient client, Snapshot before, boolean operatorRuns, Duration timeout) {
        List<Tenant> tenants = tenants(client).stream()
                .filter(t -> !before.tenants().contains(uid(t)))
                .toList();
        if (operatorRuns) {
            Set<String> names = names(tenants);
            await(
                    timeout,
                    () -> tenants(client).stream()
                            .filter(t -> names.contains(t.getMetadata().getName()))
                            .allMatch(t -> t.getMetadata().getFinalizers() != null
                                    && !t.getMetadata().getFinalizers().isEmpty()),
                    () -> "the operator put no finalizer on some of " + names);
        }
        deleteTenants(client, tenants, false, timeout);
        List<Namespace> namespaces = labelledNamespaces(client).stream()
                .filter(ns -> !before.namespaces().contains(uid(ns)))
                .toList();
        deleteNamespaces(client, namespaces, timeout);
        deletePlans(
                client,
                plans(client).stream()
                        .filter(p -> !before.plans().contains(uid(p)))
                        .toList(),
                false,
                timeout);
    }

    /**
     * Removes every Tenant, Plan, tenant or test namespace and Event about a Tenant (in {@code default}): leftovers of
     * an earlier run that ended before cleaning up. No operator runs meanwhile, so finalizers are removed.
     *
     * @return how many Tenants, Plans and namespaces were removed
     */
    static int sweep(KubernetesClient client, Duration timeout) {
        List<Tenant> tenants = tenants(client);
        deleteTenants(client, tenants, true, timeout);
        List<Namespace> namespaces = labelledNamespaces(client);
        deleteNamespaces(client, namespaces, timeout);
        List<Plan> plans = plans(client);
        deletePlans(client, plans, true, timeout);
        client.v1().events().inNamespace("default").list().getItems().stream()
                .filter(e -> e.getInvolvedObject() != null
                        && "Tenant".equals(e.getInvolvedObject().getKind()))
                .forEach(e -> ignoringNotFound(() ->
                        client.v1().events().inNamespace("default").resource(e).delete()));
        return tenants.size() + plans.size() + namespaces.size();
    }

    /**
     * What the namespace controller does with a terminating namespace: delete every namespaced object in it, then
     * remove the {@code kubernetes} finalizer through {@code /finalize}, so that the namespace is gone. Returns once it
     * is gone (or was created anew, for instance by the operator for a re-created tenant). Does nothing if the
     * namespace is not terminating. Where a namespace controller runs (kind), it may well be quicker: fine.
     */
    public static void finishNamespaceDeletion(KubernetesClient client, String name, Duration timeout) {
        finishNamespaceDeletion(client, null, name, timeout);
    }

    private static void finishNamespaceDeletion(
            KubernetesClient client, NamespaceContents known, String name, Duration timeout) {
        Namespace namespace = client.namespaces().withName(name).get();
        if (namespace == null || namespace.getMetadata().getDeletionTimestamp() == null) {
            return; // gone, or gone and created anew
        }
        NamespaceContents contents = known != null ? known : new NamespaceContents(client);
        await(timeout, () -> contents.deleteAll(name) == 0, () -> "namespace " + name + " still holds objects");
        // Like the namespace controller, finalize again if a concurrent write made the last attempt a conflict.
        String uid = uid(namespace);
        await(
                timeout,
                () -> {
                    Namespace current = client.namespaces().withName(name).get();
                    if (current == null || !uid.equals(uid(current))) {
                        return true;
                    }
                    try {
                        contents.finalizeNamespace(current);
                    } catch (KubernetesClientException e) {
                        if (e.getCode() != 404 && e.getCode() != 409) {
                            throw e;
                        }
                    }
                    return false;
                },
                () -> "namespace " + name + " is still terminating");
    }

    /**
     * Deletes the Tenants of these names and waits until no Tenant of these names is left. By name, not uid: should a
     * late write re-create one (a server-side apply racing with its deletion creates the object anew), that one goes
     * too.
     */
    private static void deleteTenants(
            KubernetesClient client, List<Tenant> tenants, boolean removeFinalizers, Duration timeout) {
        Set<String> names = names(tenants);
        if (names.isEmpty()) {
            return;
        }
        await(
                timeout,
                () -> {
                    List<Tenant> left = tenants(client).stream()
                            .filter(t -> names.contains(t.getMetadata().getName()))
                            .toList();
                    for (Tenant tenant : left) {
                        var resource = client.resources(Tenant.class)
                                .withName(tenant.getMetadata().getName());
                        if (tenant.specOrEmpty().isDeletionProtected()) {
                            // manifests/base's ValidatingAdmissionPolicy refuses deleting a protected tenant outright,
                            // and
                            // the operator's finalizer keeps one that is already being deleted
                            ignoringNotFound(() -> resource.patch(MERGE, "{\"spec\":{\"deletionProtection\":false}}"));
                        }
                        requestDeletion(
                                tenant,
                                resource::delete,
                                removeFinalizers,
                                () -> resource.patch(MERGE, "{\"metadata\":{\"finalizers\":null}}"));
                    }
                    return left.isEmpty();
                },
                () -> "Tenants still there after deletion: "
                        + tenants(client).stream()
                                .filter(t -> names.contains(t.getMetadata().getName()))
                                .map(ClusterCleanup::describe)
                                .collect(Collectors.joining("; ")));
    }

    private static void deleteNamespaces(KubernetesClient client, List<Namespace> namespaces, Duration timeout) {
        if (namespaces.isEmpty()) {
            return;
        }
        for (Namespace namespace : namespaces) {
            if (namespace.getMetadata().getDeletionTimestamp() == null) {
                ignoringNotFound(() -> client.namespaces()
                        .withName(namespace.getMetadata().getName())
                        .delete());
            }
        }
        NamespaceContents contents = new NamespaceContents(client);
        for (Namespace namespace : namespaces) {
            finishNamespaceDeletion(client, contents, namespace.getMetadata().getName(), timeout);
        }
    }

    private static void deletePlans(
            KubernetesClient client, List<Plan> plans, boolean removeFinalizers, Duration timeout) {
        Set<String> names = names(plans);
        if (names.isEmpty()) {
            return;
        }
        await(
                timeout,
                () -> {
                    List<Plan> left = plans(client).stream()
                            .filter(p -> names.contains(p.getMetadata().getName()))
                            .toList();
                    for (Plan plan : left) {
                        var resource = client.resources(Plan.class)
                                .withName(plan.getMetadata().getName());
                        requestDeletion(
                                plan,
                                resource::delete,
                                removeFinalizers,
                                () -> resource.patch(MERGE, "{\"metadata\":{\"finalizers\":null}}"));
                    }
                    return left.isEmpty();
                },
                () -> "Plans still there after deletion: "
                        + plans(client).stream()
                                .filter(p -> names.contains(p.getMetadata().getName()))
                                .map(ClusterCleanup::describe)
                                .collect(Collectors.joining("; ")));
    }

    private static void requestDeletion(
            HasMetadata object, Runnable delete, boolean removeFinalizers, Runnable removeFinalizer) {
        if (object.getMetadata().getDeletionTimestamp() == null) {
            ignoringNotFound(delete);
        }
        if (removeFinalizers
                && object.getMetadata().getFinalizers() != null
                && !object.getMetadata().getFinalizers().isEmpty()) {
            ignoringNotFound(removeFinalizer);
        }
    }

    private static Set<String> names(List<? extends HasMetadata> objects) {
        return objects.stream().map(o -> o.getMetadata().getName()).collect(Collectors.toSet());
    }

    private static String describe(HasMetadata o) {
        String text =
                o.getMetadata().getName() + " (finalizers " + o.getMetadata().getFinalizers() + ")";
        if (o instanceof Tenant tenant && tenant.getStatus() != null) {
            text += " phase " + tenant.getStatus().getPhase() + ", conditions "
                    + tenant.getStatus().getConditions();
        }
        return text;
    }

    static List<Tenant> tenants(KubernetesClient client) {
        return served(client, TENANT_CRD)
                ? client.resources(Tenant.class).list().getItems()
                : List.of();
    }

    static List<Plan> plans(KubernetesClient client) {
        return served(client, PLAN_CRD) ? client.resources(Plan.class).list().getItems() : List.of();
    }

    /** False while the CRD is missing (a test deleted it, or the cluster never had it): then there is nothing to do. */
    private static boolean served(KubernetesClient client, String crd) {
        CustomResourceDefinition definition = client.apiextensions()
                .v1()
                .customResourceDefinitions()
                .withName(crd)
                .get();
        return definition != null;
    }

    private static List<Namespace> labelledNamespaces(KubernetesClient client) {
        Map<String, Namespace> byUid = new LinkedHashMap<>();
        for (String label : List.of(TENANT_LABEL, TEST_LABEL)) {
            client.namespaces().withLabel(label).list().getItems().forEach(ns -> byUid.putIfAbsent(uid(ns), ns));
        }
        return new ArrayList<>(byUid.values());
    }

    private static Set<String> uids(List<? extends HasMetadata> objects) {
        return objects.stream().map(ClusterCleanup::uid).collect(Collectors.toSet());
    }

    private static String uid(HasMetadata o) {
        return o.getMetadata().getUid();
    }

    private static void ignoringNotFound(Runnable action) {
        try {
            action.run();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }

    static void await(Duration timeout, BooleanSupplier condition, Supplier<String> failure) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(failure.get() + " (after " + timeout.toSeconds() + " s)");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting: " + failure.get(), e);
            }
        }
    }
}
