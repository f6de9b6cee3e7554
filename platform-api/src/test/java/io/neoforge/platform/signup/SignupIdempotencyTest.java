package io.neoforge.platform.signup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.platform.testing.PlatformApiTest;
import io.neoforge.testsupport.TestPostgres;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SignupIdempotencyTest extends PlatformApiTest {

    @Test
    void aReplayWithTheSameKeyAndBodyAnswersTheFirstResponseAndCreatesNothingNew() {
        String name = uniqueName("idem");
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = signupBody(name, "starter");

        ExtractableResponse<Response> first = anonymous()
                .header("Idempotency-Key", key)
                .body(body)
                .post("/api/v1/signups")
                .then()
                .statusCode(202)
                .extract();
        String uid = tenant(name).getMetadata().getUid();

        ExtractableResponse<Response> replay = anonymous()
                .header("Idempotency-Key", key)
                .body(body)
                .post("/api/v1/signups")
                .then()
                .statusCode(202)
                .header("Idempotent-Replayed", "true")
                .extract();

        assertThat(replay.header("Location")).isEqualTo(first.header("Location"));
        assertThat(replay.body().asString()).isEqualTo(first.body().asString());
        assertThat(tenant(name).getMetadata().getUid()).isEqualTo(uid);
        assertThat(kubernetes().resources(Tenant.class).list().getItems())
                .filteredOn(t -> t.getMetadata().getName().equals(name))
                .hasSize(1);
        assertThat(countRows("SELECT count(*) FROM audit_log WHERE tenant = ?", name))
                .isEqualTo(1);
    }

    @Test
    void theKeyAndItsResponseAreKeptInPostgresql() {
        String name = uniqueName("kept");
        String key = UUID.randomUUID().toString();

        anonymous()
                .header("Idempotency-Key", key)
                .body(signupBody(name, "starter"))
                .post("/api/v1/signups")
                .then()
                .statusCode(202);

        assertThat(countRows("SELECT count(*) FROM idempotency_key WHERE key = ? AND response_status = 202", key))
                .isEqualTo(1);
    }

    @Test
    void theSameKeyWithADifferentBodyIsRefused() {
        String name = uniqueName("idem");
        String key = UUID.randomUUID().toString();
        anonymous()
                .header("Idempotency-Key", key)
                .body(signupBody(name, "starter"))
                .post("/api/v1/signups")
                .then()
                .statusCode(202);

        String other = uniqueName("other");
        anonymous()
                .header("Idempotency-Key", key)
                .body(signupBody(other, "starter"))
                .post("/api/v1/signups")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://neoforge.io/problems/idempotency-key-reused"));

        assertThat(tenant(other)).isNull();
    }

    @Test
    void aFailedRequestDoesNotBindItsKey() {
        String name = uniqueName("retry");
        String key = UUID.randomUUID().toString();
        anonymous()
                .header("Idempotency-Key", key)
                .body(signupBody(name, "no-such-plan"))
                .post("/api/v1/signups")
                .then()
                .statusCode(422);

        anonymous()
                .header("Idempotency-Key", key)
                .body(signupBody(name, "starter"))
                .post("/api/v1/signups")
                .then()
                .statusCode(202);

        assertThat(tenant(name)).isNotNull();
    }

    @Test
    void aKeyLeftBehindByARequestThatNeverFinishedCanBeUsedAgain() throws Exception {
        String name = uniqueName("abandoned");
        String key = UUID.randomUUID().toString();
        try (Connection connection = TestPostgres.get().connect();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO idempotency_key"
                                + " (scope, key, request_hash, created_at) VALUES (?, ?, 'x', now() - interval '10 minutes')")) {
            insert.setString(1, SignupResource.IDEMPOTENCY_SCOPE);
            insert.setString(2, key);
            insert.executeUpdate();
        }

        anonymous()
                .header("Idempotency-Key", key)
                .body(signupBody(name, "starter"))
                .post("/api/v1/signups")
                .then()
                .statusCode(202);
    }
}
