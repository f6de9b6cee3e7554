package io.neoforge.operator.tenant;

import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.neoforge.api.v1alpha1.plan.Plan;

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

    public static final String DATABASE = "database";
    public static final String DATABASE_SECRET = "database-secret";
    public static final String NAMESPACE = "namespace";
    public static final String DEPLOYMENT = "deployment";
    public static final String INGRESS = "ingress";

    public Optional<Exception> error(String dependent) {
        return Optional.ofNullable(errors.get(dependent));
    }
}
