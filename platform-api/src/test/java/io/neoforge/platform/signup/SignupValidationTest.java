package io.neoforge.platform.signup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.neoforge.platform.testing.PlatformApiTest;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class SignupValidationTest extends PlatformApiTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "bad characters, acme_corp, must be a DNS label",
        "upper case, AcmeCorp, must be a DNS label",
        "starts with a digit, 1acme, must be a DNS label",
        "ends with a dash, acme-, must be a DNS label",
        "too short, ab, must be 3 to 40 characters long",
        "too long, a-name-that-is-far-too-long-for-a-tenant-xyz, must be 3 to 40 characters long"
    })
    void anInvalidNameIsRefusedWithTheCrdRule(String why, String name, String message) {
        anonymous()
                .body(signupBody(name, "starter"))
                .when()
                .post("/api/v1/signups")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://neoforge.io/problems/validation"))
                .body("title", equalTo("Request is not valid"))
                .body("status", equalTo(422))
                .body("detail", startsWith("name: "))
                .body("instance", equalTo("/api/v1/signups"))
                .body("requestId", notNullValue())
                .body("errors.field", containsInAnyOrder("name"))
                .body("errors[0].message", containsString(message));

        assertThat(tenant(name.toLowerCase())).isNull();
    }

    @ParameterizedTest
    @CsvSource({"admin", "www", "kube-acme", "neoforge-test"})
    void aReservedNameIsRefusedAsUnavailable(String name) {
        anonymous()
                .body(signupBody(name, "starter"))
                .when()
                .post("/api/v1/signups")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://neoforge.io/problems/name-reserved"))
                .body("detail", containsString("reserved"));

        assertThat(tenant(name)).isNull();
    }

    @Test
    void aTakenNameIsRefusedWithConflict() {
        String name = uniqueName("taken");
        givenTenant(name, "starter", false);

        anonymous()
                .body(signupBody(name, "pro"))
                .when()
                .post("/api/v1/signups")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://neoforge.io/problems/name-taken"))
                .body("detail", containsString(name));

        assertThat(tenant(name).getSpec().getPlan()).isEqualTo("starter");
    }

    @Test
    void anUnknownPlanIsRefusedAsUnprocessable() {
        String name = uniqueName("noplan");

        anonymous()
                .body(signupBody(name, "platinum"))
                .when()
                .post("/api/v1/signups")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://neoforge.io/problems/unknown-plan"))
                .body("detail", containsString("platinum"));

        assertThat(tenant(name)).isNull();
    }

    @Test
    void missingFieldsAreAllListed() {
        anonymous()
                .body(Map.of())
                .when()
                .post("/api/v1/signups")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://neoforge.io/problems/validation"))
                .body("detail", equalTo("4 fields are invalid"))
                .body("errors.field", containsInAnyOrder("name", "displayName", "adminEmail", "plan"))
                .body("errors.message", hasItem("is required"));
    }

    @Test
    void anInvalidEmailAndAnOverlongDisplayNameAreRefused() {
        Map<String, Object> body = signupBody(uniqueName("fields"), "starter");
        body.put("adminEmail", "not-an-email");
        body.put("displayName", "x".repeat(201));

        anonymous()
                .body(body)
                .when()
                .post("/api/v1/signups")
                .then()
                .statusCode(422)
                .body("errors.field", containsInAnyOrder("adminEmail", "displayName"));
    }

    @Test
    void aBodyThatIsNotJsonIsABadRequest() {
        anonymous()
                .body("{not json")
                .when()
                .post("/api/v1/signups")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://neoforge.io/problems/malformed-request"))
                .body("status", equalTo(400));
    }
}
