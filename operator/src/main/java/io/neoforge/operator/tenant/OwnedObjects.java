package io.neoforge.operator.tenant;

import static java.util.Map.entry;

import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.api.v1alpha1.tenant.TenantNames;
import io.neoforge.operator.tenant.dependent.AdminRoleBindingDependent;
import io.neoforge.operator.tenant.dependent.AdminRoleDependent;
import io.neoforge.operator.tenant.dependent.AppDeploymentDependent;
import io.neoforge.operator.tenant.dependent.AppServiceDependent;
import io.neoforge.operator.tenant.dependent.AutoscalerDependent;
import io.neoforge.operator.tenant.dependent.BrandingConfigMapDependent;
import io.neoforge.operator.tenant.dependent.DatabaseSecretDependent;
import io.neoforge.operator.tenant.dependent.DisruptionBudgetDependent;
import io.neoforge.operator.tenant.dependent.IngressDependent;
import io.neoforge.operator.tenant.dependent.LimitRangeDependent;
import io.neoforge.operator.tenant.dependent.NetworkPolicyDependent;
import io.neoforge.operator.tenant.dependent.ResourceQuotaDependent;
import io.neoforge.operator.tenant.dependent.ServiceAccountDependent;
import java.util.Map;

/** The object behind each of a tenant's dependents, named as a person finds it with kubectl. */
final class OwnedObjects {
    private static final Map<String, String> IN_NAMESPACE = Map.ofEntries(
            entry(TenantObservation.QUOTA, "ResourceQuota " + ResourceQuotaDependent.NAME),
            entry(TenantObservation.LIMITS, "LimitRange " + LimitRangeDependent.NAME),
            entry(TenantObservation.NETWORK_POLICY, "NetworkPolicy " + NetworkPolicyDependent.NAME),
            entry(TenantObservation.SERVICE_ACCOUNT, "ServiceAccount " + ServiceAccountDependent.NAME),
            entry(TenantObservation.ADMIN_ROLE, "Role " + AdminRoleDependent.NAME),
            entry(TenantObservation.ADMIN_ROLE_BINDING, "RoleBinding " + AdminRoleBindingDependent.NAME),
            entry(TenantObservation.BRANDING, "ConfigMap " + BrandingConfigMapDependent.NAME),
            entry(TenantObservation.DATABASE_SECRET, "Secret " + DatabaseSecretDependent.NAME),
            entry(TenantObservation.DEPLOYMENT, "Deployment " + AppDeploymentDependent.NAME),
            entry(TenantObservation.SERVICE, "Service " + AppServiceDependent.NAME),
            entry(TenantObservation.AUTOSCALER, "HorizontalPodAutoscaler " + AutoscalerDependent.NAME),
            entry(TenantObservation.DISRUPTION_BUDGET, "PodDisruptionBudget " + DisruptionBudgetDependent.NAME),
            entry(TenantObservation.INGRESS, "Ingress " + IngressDependent.NAME));

    private OwnedObjects() {}

    static boolean isKnown(String dependent) {
        return TenantObservation.NAMESPACE.equals(dependent)
                || TenantObservation.DATABASE.equals(dependent)
                || IN_NAMESPACE.containsKey(dependent);
    }

    static String describe(String dependent, Tenant tenant) {
        if (TenantObservation.NAMESPACE.equals(dependent)) {
            return "Namespace " + tenant.namespaceName();
        }
        if (TenantObservation.DATABASE.equals(dependent)) {
            return "role and schema "
                    + TenantNames.databaseIdentifier(tenant.getMetadata().getName()) + " in PostgreSQL";
        }
        return IN_NAMESPACE.getOrDefault(dependent, "the " + dependent + " object") + " in namespace "
                + tenant.namespaceName();
    }
}
