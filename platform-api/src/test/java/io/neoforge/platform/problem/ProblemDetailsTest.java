package io.neoforge.platform.problem;

import static org.hamcrest.Matchers.equalTo;

import io.neoforge.platform.testing.PlatformApiTest;
import io.neoforge.platform.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProblemDetailsTest extends PlatformApiTest {

    @Test
    void anUnknownApiPathIsAProblemNotFound() {
        as(Tokens.platformAdmin())
                .get("/api/v1/no-such-thing")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://neoforge.io/problems/not-found"))
                .body("status", equalTo(404));
    }

    @Test
    void anUnsupportedMethodIsAProblem() {
        anonymous()
                .get("/api/v1/signups")
                .then()
                .statusCode(405)
                .contentType("application/problem+json")
                .body("type", equalTo("https://neoforge.io/problems/method-not-allowed"));
    }

    @Test
    void theRequestIdIsEchoedAndQuotedInProblems() {
        anonymous()
                .header("X-Request-Id", "trace-123")
                .body("{}")
                .post("/api/v1/signups")
                .then()
                .statusCode(422)
                .header("X-Request-Id", "trace-123")
                .body("requestId", equalTo("trace-123"));
    }
}
