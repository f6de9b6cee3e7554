package io.neoforge.platform.signup;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.neoforge.platform.testing.PlatformApiTest;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The test profile allows 3 signups per client address per hour. */
@QuarkusTest
class SignupRateLimitTest extends PlatformApiTest {

    @Test
    void aClientOverItsAllowanceIsToldWhenToRetry() {
        for (int i = 0; i < 3; i++) {
            anonymous()
                    .body(signupBody(uniqueName("rate"), "starter"))
                    .post("/api/v1/signups")
                    .then()
                    .statusCode(202);
        }

        anonymous()
                .body(signupBody(uniqueName("rate"), "starter"))
                .when()
                .post("/api/v1/signups")
                .then()
                .statusCode(429)
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .contentType("application/problem+json")
                .body("type", equalTo("https://neoforge.io/problems/rate-limited"))
                .body("status", equalTo(429));
    }

    @Test
    void refusedAndInvalidSignupsCountToo() {
        for (int i = 0; i < 3; i++) {
            anonymous()
                    .body(signupBody("Bad_Name", "starter"))
                    .post("/api/v1/signups")
                    .then()
                    .statusCode(422);
        }

        anonymous()
                .body(signupBody(uniqueName("rate"), "starter"))
                .post("/api/v1/signups")
                .then()
                .statusCode(429);
    }

    @Test
    void anotherClientIsNotLimitedByTheFirst() {
        for (int i = 0; i < 4; i++) {
            anonymous().body(signupBody("Bad_Name", "starter")).post("/api/v1/signups");
        }
        clientAddress = "192.0.2.77";

        anonymous()
                .body(signupBody(uniqueName("other"), "starter"))
                .post("/api/v1/signups")
                .then()
                .statusCode(202);
    }
}
