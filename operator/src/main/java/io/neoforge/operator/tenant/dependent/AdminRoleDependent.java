package io.neoforge.operator.tenant.dependent;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.operator.tenant.TenantLabels;

/**
 * What a tenant's admins may do in its namespace: look at everything the platform runs for them and
 * restart pods. They change the tenant through the Tenant resource, not by editing owned objects.
 * The operator's ClusterRole (manifests/base) must hold every rule granted here.
 */
@KubernetesDependent(informer = @Informer(labelSelector = TenantLabels.MANAGED_SELECTOR))
public class AdminRoleDependent extends TenantNamespacedDependent<Role> {
    public static final String NAME = "tenant-admin";
    private static final String[] READ = {"get", "list", "watch"};

    public AdminRoleDependent() {
        super(Role.class);
    }

    @Override
    protected Role desired(Tenant tenant, Context<Tenant> context) {
        return new RoleBuilder()
                .withMetadata(metadata(tenant, NAME))
                .withRules(
                        rule("", READ, "pods", "pods/log", "services", "endpoints", "configmaps", "events"),
                        rule("", new String[] {"delete"}, "pods"),
                        rule("apps", READ, "deployments", "replicasets"),
                        rule("autoscaling", READ, "horizontalpodautoscalers"),
                        rule("networking.k8s.io", READ, "ingresses"),
                        rule("policy", READ, "poddisruptionbudgets"))
                .build();
    }

    private static PolicyRule rule(String apiGroup, String[] verbs, String... resources) {
        return new PolicyRuleBuilder()
                .withApiGroups(apiGroup)
                .withResources(resources)
                .withVerbs(verbs)
                .build();
    }
}
