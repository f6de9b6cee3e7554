package io.neoforge.operator.tenant;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.neoforge.api.v1alpha1.plan.Plan;
import java.util.Map;
import java.util.Optional;

/**
 * What one reconciliation saw: the plan, the live objects whose status tells readiness, the
 * database digest now applied, and the errors of the parts that failed (by dependent name).
 */
public record TenantObservation(
        Optional<Plan> plan,
        Optional<Namespace> namespace,
        Optional<Deployment> deployment,
        Optional<Ingress> ingress,
        Optional<String> databaseDigest,
        Map<String, Exception> errors) {

    // Names of the tenant's dependents (TenantReconciler's workflow), the keys of errors.
    public static final String NAMESPACE = "namespace";
    public static final String QUOTA = "quota";
    public static final String LIMITS = "limits";
    public static final String NETWORK_POLICY = "network-policy";
    public static final String SERVICE_ACCOUNT = "service-account";
    public static final String ADMIN_ROLE = "admin-role";
    public static final String ADMIN_ROLE_BINDING = "admin-role-binding";
    public static final String BRANDING = "branding";
    public static final String DATABASE_SECRET = "database-secret";
    public static final String DATABASE = "database";
    public static final String DEPLOYMENT = "deployment";
    public static final String SERVICE = "service";
    public static final String AUTOSCALER = "autoscaler";
    public static final String DISRUPTION_BUDGET = "disruption-budget";
    public static final String INGRESS = "ingress";

    /** The same objects, with these errors. */
    public TenantObservation withErrors(Map<String, Exception> failures) {
        return new TenantObservation(plan, namespace, deployment, ingress, databaseDigest, failures);
    }

    public Optional<Exception> error(String dependent) {
        return Optional.ofNullable(errors.get(dependent));
    }
}
