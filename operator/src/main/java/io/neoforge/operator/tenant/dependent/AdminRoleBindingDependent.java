package io.neoforge.operator.tenant.dependent;

import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.operator.tenant.TenantLabels;
import java.util.List;

/** Binds {@code spec.admins} to the tenant-admin Role. */
@KubernetesDependent(informer = @Informer(labelSelector = TenantLabels.MANAGED_SELECTOR))
public class AdminRoleBindingDependent extends TenantNamespacedDependent<RoleBinding> {
    public static final String NAME = "tenant-admins";
    private static final String RBAC_GROUP = "rbac.authorization.k8s.io";

    public AdminRoleBindingDependent() {
        super(RoleBinding.class);
    }

    @Override
    protected RoleBinding desired(Tenant tenant, Context<Tenant> context) {
        List<Subject> subjects = tenant.specOrEmpty().adminsOrEmpty().stream()
                .map(admin -> new SubjectBuilder()
                        .withApiGroup(RBAC_GROUP)
                        .withKind(admin.effectiveKind().name())
                        .withName(admin.getName())
                        .build())
                .toList();
        return new RoleBindingBuilder()
                .withMetadata(metadata(tenant, NAME))
                .withNewRoleRef(RBAC_GROUP, "Role", AdminRoleDependent.NAME)
                .withSubjects(subjects)
                .build();
    }
}
