package io.neoforge.operator.tenant;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.api.v1alpha1.tenant.TenantConditionReason;
import io.neoforge.api.v1alpha1.tenant.TenantNames;
import io.neoforge.operator.database.DatabaseOperationException;
import io.neoforge.operator.database.DatabaseUnavailableException;
import io.neoforge.operator.tenant.dependent.AdoptionRefusedException;
import java.io.IOException;
import java.util.Optional;

/**
 * What a failed part of a reconciliation tells a person in a condition: a reason and a sentence that names the
 * object and what to do. Never the exception's own text, which is for the log (the reconciler logs it with the
 * tenant's name): a client exception carries Java class names, request URLs and the API server's raw answer.
 * Messages of the database exceptions are written by the operator for people (and redacted), so they are kept.
 */
public record FailureExplanation(TenantConditionReason reason, String message) {

    private static final String RETRYING = " Retrying with backoff.";

    /** Why the tenant's dependent of that name (a key of the workflow's errors) failed. */
    public static FailureExplanation of(String dependent, Tenant tenant, Throwable error) {
        String name = tenant.getMetadata().getName();
        if (TenantObservation.DATABASE.equals(dependent)) {
            return ofDatabase(TenantNames.databaseIdentifier(name), name, error);
        }
        return ofObject(OwnedObjects.describe(dependent, tenant), name, error);
    }

    /** Writing {@code object} (e.g. "Secret neoforge-db in namespace tenant-acme") to the API server failed. */
    static FailureExplanation ofObject(String object, String tenant, Throwable error) {
        Optional<AdoptionRefusedException> refused = cause(error, AdoptionRefusedException.class);
        if (refused.isPresent()) {
            return new FailureExplanation(
                    TenantConditionReason.ObjectOwnedElsewhere, refused.get().getMessage() + RETRYING);
        }
        Optional<KubernetesClientException> api = cause(error, KubernetesClientException.class);
        int code = api.map(KubernetesClientException::getCode).orElse(-1);
        if (code == 401 || code == 403) {
            return new FailureExplanation(
                    TenantConditionReason.WriteForbidden,
                    "The API server does not let the operator write " + object
                            + ": compare the operator's ClusterRole with manifests/base and check the cluster's admission policies."
                            + RETRYING);
        }
        if (code == 409) {
            return new FailureExplanation(
                    TenantConditionReason.WriteConflict,
                    object + " was changed by someone else while the operator wrote it." + RETRYING);
        }
        if (code == 400 || code == 422) {
            return new FailureExplanation(
                    TenantConditionReason.WriteRejected,
                    "The API server rejected " + object + " as invalid, often because "
                            + "of an admission policy or a limit of the cluster; the operator's log for tenant "
                            + tenant
                            + " has its answer." + RETRYING);
        }
        if (code == 404) {
            return new FailureExplanation(
                    TenantConditionReason.ApiNotFound,
                    "The API server answered \"not found\" for " + object
                            + ": its namespace is gone or the cluster does not serve its kind." + RETRYING);
        }
        if (code >= 500 || code == 0 || cause(error, IOException.class).isPresent()) {
            return new FailureExplanation(
                    TenantConditionReason.ApiServerUnavailable,
                    "The Kubernetes API server did not answer while the " + "operator wrote " + object + "."
                            + RETRYING);
        }
        return new FailureExplanation(
                TenantConditionReason.WriteFailed,
                "Could not write " + object + "; the operator's log for tenant " + tenant + " has the details."
                        + RETRYING);
    }

    /** Applying role and schema {@code identifier} in PostgreSQL failed. */
    static FailureExplanation ofDatabase(String identifier, String tenant, Throwable error) {
        Optional<DatabaseUnavailableException> unavailable = cause(error, DatabaseUnavailableException.class);
        if (unavailable.isPresent()) {
            return new FailureExplanation(
                    TenantConditionReason.DatabaseUnavailable, unavailable.get().getMessage() + RETRYING);
        }
        Optional<DatabaseOperationException> refused = cause(error, DatabaseOperationException.class);
        if (refused.isPresent()) {
            return new FailureExplanation(
                    TenantConditionReason.DatabaseError, refused.get().getMessage() + "." + RETRYING);
        }
        return new FailureExplanation(
                TenantConditionReason.DatabaseError,
                "Could not apply role and schema " + identifier + " in PostgreSQL; the operator's log for tenant "
                        + tenant + " has the details." + RETRYING);
    }

    private static <T extends Throwable> Optional<T> cause(Throwable error, Class<T> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return Optional.of(type.cast(cause));
            }
        }
        return Optional.empty();
    }
}
