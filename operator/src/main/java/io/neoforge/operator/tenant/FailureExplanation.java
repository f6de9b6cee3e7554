package io.neoforge.operator.tenant;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.api.v1alpha1.tenant.TenantNames;
import io.neoforge.operator.database.DatabaseOperationException;
import io.neoforge.operator.database.DatabaseUnavailableException;
import io.neoforge.operator.tenant.dependent.AdoptionRefusedException;

/**
 * What a failed part of a reconciliation tells a person in a condition: a reason and a sentence that names the
 * object and what to do. Never the exception's own text, which is for the log (the reconciler logs it with the
 * tenant's name): a client exception carries Java class names, request URLs and the API server's raw answer.
 * Messages of the database exceptions are written by the operator for people (and redacted), so they are kept.
 */
public record FailureExplanation(String reason, String message) {

    static final String WRITE_FORBIDDEN = "WriteForbidden";
    static final String WRITE_CONFLICT = "WriteConflict";
    static final String WRITE_REJECTED = "WriteRejected";
    static final String API_NOT_FOUND = "ApiNotFound";
    static final String API_SERVER_UNAVAILABLE = "ApiServerUnavailable";
    static final String WRITE_FAILED = "WriteFailed";
    static final String OBJECT_OWNED_ELSEWHERE = "ObjectOwnedElsewhere";
    static final String DATABASE_UNAVAILABLE = "DatabaseUnavailable";
    static final String DATABASE_ERROR = "DatabaseError";

    private static final Set<String> FAILURES = Set.of(WRITE_FORBIDDEN, WRITE_CONFLICT, WRITE_REJECTED, API_NOT_FOUND,
            API_SERVER_UNAVAILABLE, WRITE_FAILED, OBJECT_OWNED_ELSEWHERE, DATABASE_UNAVAILABLE, DATABASE_ERROR);
    private static final String RETRYING = " Retrying with backoff.";

    /** Whether a condition's reason says that something failed (a person should hear of it as a warning). */
    public static boolean isFailure(String reason) {
        return FAILURES.contains(reason);
    }

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
            return new FailureExplanation(OBJECT_OWNED_ELSEWHERE, refused.get().getMessage() + RETRYING);
        }
        Optional<KubernetesClientException> api = cause(error, KubernetesClientException.class);
        int code = api.map(KubernetesClientException::getCode).orElse(-1);
        if (code == 401 || code == 403) {
            return new FailureExplanation(WRITE_FORBIDDEN, "The API server does not let the operator write " + object
                    + ": compare the operator's ClusterRole with manifests/base and check the cluster's admission policies."
                    + RETRYING);
        }
        if (code == 409) {
            return new FailureExplanation(WRITE_CONFLICT, object + " was changed by someone else while the operator wrote it."
                    + RETRYING);
        }
        if (code == 400 || code == 422) {
            return new FailureExplanation(WRITE_REJECTED, "The API server rejected " + object + " as invalid, often because "
                    + "of an admission policy or a limit of the cluster; the operator's log for tenant " + tenant
                    + " has its answer." + RETRYING);
        }
        if (code == 404) {
            return new FailureExplanation(API_NOT_FOUND, "The API server answered \"not found\" for " + object
                    + ": its namespace is gone or the cluster does not serve its kind." + RETRYING);
        }
        if (code >= 500 || code == 0 || cause(error, IOException.class).isPresent()) {
            return new FailureExplanation(API_SERVER_UNAVAILABLE, "The Kubernetes API server did not answer while the "
                    + "operator wrote " + object + "." + RETRYING);
        }
        return new FailureExplanation(WRITE_FAILED, "Could not write " + object + "; the operator's log for tenant " + tenant
                + " has the details." + RETRYING);
    }

    /** Applying role and schema {@code identifier} in PostgreSQL failed. */
    static FailureExplanation ofDatabase(String identifier, String tenant, Throwable error) {
        Optional<DatabaseUnavailableException> unavailable = cause(error, DatabaseUnavailableException.class);
        if (unavailable.isPresent()) {
            return new FailureExplanation(DATABASE_UNAVAILABLE, unavailable.get().getMessage() + RETRYING);
        }
        Optional<DatabaseOperationException> refused = cause(error, DatabaseOperationException.class);
        if (refused.isPresent()) {
            return new FailureExplanation(DATABASE_ERROR, refused.get().getMessage() + "." + RETRYING);
        }
        return new FailureExplanation(DATABASE_ERROR, "Could not apply role and schema " + identifier
                + " in PostgreSQL; the operator's log for tenant " + tenant + " has the details." + RETRYING);
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
