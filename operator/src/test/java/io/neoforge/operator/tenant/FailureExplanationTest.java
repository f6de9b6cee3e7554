package io.neoforge.operator.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.api.v1alpha1.tenant.TenantConditionReason;
import io.neoforge.operator.database.DatabaseOperationException;
import io.neoforge.operator.database.DatabaseUnavailableException;
import java.io.IOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FailureExplanationTest {
    private static final String[] RAW_TEXT = {
        "Exception", "io.fabric8", "Failure executing", "Received status", "Status(", "http://", "java."
    };

    private final Tenant tenant = tenant("acme");

    /** What Fabric8 throws for an API server's error answer, message and all. */
    private static KubernetesClientException apiError(int code, String reason) {
        Status status = new StatusBuilder()
                .withCode(code)
                .withReason(reason)
                .withMessage("secrets \"neoforge-db\" is " + reason)
                .build();
        return new KubernetesClientException(
                "Failure executing: POST at: http://127.0.0.1:6443/api/v1/namespaces/"
                        + "tenant-acme/secrets. Message: " + status.getMessage() + ". Received status: " + status + ".",
                code,
                status);
    }

    @ParameterizedTest
    @CsvSource({
        "401,Unauthorized,WriteForbidden",
        "403,Forbidden,WriteForbidden",
        "409,AlreadyExists,WriteConflict",
        "422,Invalid,WriteRejected",
        "400,BadRequest,WriteRejected",
        "404,NotFound,ApiNotFound",
        "500,InternalError,ApiServerUnavailable",
        "503,ServiceUnavailable,ApiServerUnavailable",
        "429,TooManyRequests,WriteFailed"
    })
    void anApiServerErrorBecomesAReasonAndASentenceNamingTheObject(
            int code, String status, TenantConditionReason reason) {
        // JOSDK hands the workflow's errors over wrapped; what counts is the cause.
        Exception error = new RuntimeException(apiError(code, status));

        FailureExplanation explanation = FailureExplanation.of(TenantObservation.DATABASE_SECRET, tenant, error);

        assertThat(explanation.reason()).isEqualTo(reason);
        assertThat(explanation.reason().isFailure()).isTrue();
        assertThat(explanation.message())
                .contains("Secret neoforge-db in namespace tenant-acme")
                .doesNotContain(RAW_TEXT);
    }

    @Test
    void anUnreachableApiServerIsSaidSo() {
        Exception error = new KubernetesClientException(
                "Operation: [create] for kind: [Secret] with name: [neoforge-db]"
                        + " in namespace: [tenant-acme] failed.",
                new ConnectException("Connection refused"));

        FailureExplanation explanation = FailureExplanation.of(TenantObservation.DEPLOYMENT, tenant, error);

        assertThat(explanation.reason()).isEqualTo(TenantConditionReason.ApiServerUnavailable);
        assertThat(explanation.message())
                .contains("Deployment app in namespace tenant-acme")
                .doesNotContain(RAW_TEXT);
    }

    @Test
    void anythingElseNamesTheObjectAndPointsToTheLog() {
        Exception error = new IllegalStateException("java.lang.IllegalStateException: Mandatory key not present");

        FailureExplanation explanation = FailureExplanation.of(TenantObservation.INGRESS, tenant, error);

        assertThat(explanation.reason()).isEqualTo(TenantConditionReason.WriteFailed);
        assertThat(explanation.message())
                .contains("Ingress app in namespace tenant-acme", "log for tenant acme")
                .doesNotContain(RAW_TEXT);
    }

    @Test
    void databaseFailuresKeepTheOperatorsOwnWords() {
        var unavailable = new DatabaseUnavailableException(
                "PostgreSQL at db:5432/neoforge is unavailable.", new SQLException("refused", "08001"));
        var refused = new DatabaseOperationException(
                "could not apply tenant database on PostgreSQL at db:5432/neoforge:"
                        + " permission denied for database neoforge (SQLState 42501)",
                "42501",
                new SQLException("raw"));

        assertThat(FailureExplanation.of(TenantObservation.DATABASE, tenant, new RuntimeException(unavailable)))
                .isEqualTo(new FailureExplanation(
                        TenantConditionReason.DatabaseUnavailable,
                        "PostgreSQL at db:5432/neoforge is unavailable. Retrying with backoff."));
        assertThat(FailureExplanation.of(TenantObservation.DATABASE, tenant, refused)
                        .reason())
                .isEqualTo(TenantConditionReason.DatabaseError);
        assertThat(FailureExplanation.of(TenantObservation.DATABASE, tenant, refused)
                        .message())
                .contains("permission denied", "SQLState 42501")
                .doesNotContain(RAW_TEXT);
        assertThat(FailureExplanation.of(
                        TenantObservation.DATABASE, tenant, new IOException("java.io.IOException: boom")))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(TenantConditionReason.DatabaseError))
                .satisfies(e -> assertThat(e.message())
                        .contains("role and schema tenant_acme")
                        .doesNotContain(RAW_TEXT));
    }

    @Test
    void everyDependentOfTheTenantWorkflowIsNamedAsAnObject() {
        Workflow workflow = TenantReconciler.class.getAnnotation(Workflow.class);

        assertThat(Arrays.stream(workflow.dependents()).map(d -> d.name()))
                .isNotEmpty()
                .allSatisfy(name -> assertThat(OwnedObjects.isKnown(name))
                        .as("dependent %s", name)
                        .isTrue());
    }

    private static Tenant tenant(String name) {
        Tenant tenant = new Tenant();
        tenant.getMetadata().setName(name);
        tenant.getMetadata().setUid("0b7e7f1c-0000-4000-8000-000000000001");
        return tenant;
    }
}
