package io.neoforge.platform.auth;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.neoforge.platform.testing.PlatformApiTest;
import io.neoforge.platform.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuthorizationTest extends PlatformApiTest {

    private String tenantA;
    private String tenantB;

    @BeforeEach
    void twoTenants() {
        tenantA = uniqueName("alpha");
        tenantB = uniqueName("beta");
        givenTenant(tenantA, "starter", false);
        givenTenant(tenantB, "starter", false);
    }

    @Test
    void noTokenIsUnauthorized() {
        assertUnauthorized(anonymous().get("/api/v1/tenants/" + tenantA).then());
        assertUnauthorized(anonymous().get("/api/v1/tenants").then());
        assertUnauthorized(anonymous().get("/api/v1/audit").then());
    }

    @Test
    void aTokenFromAnotherIssuerIsUnauthorized() {
        assertUnauthorized(as(Tokens.withIssuer("https://evil.example"))
                .get("/api/v1/tenants")
                .then());
    }

    @Test
    void anExpiredTokenIsUnauthorized() {
        assertUnauthorized(
                as(Tokens.expiredPlatformAdmin()).get("/api/v1/tenants").then());
    }

    @Test
    void aTokenSignedWithAnotherKeyIsUnauthorized() {
        assertUnauthorized(
                as(Tokens.signedByAnotherKey()).get("/api/v1/tenants").then());
    }

    @Test
    void garbageInTheAuthorizationHeaderIsUnauthorized() {
        assertUnauthorized(as("not.a.jwt").get("/api/v1/tenants").then());
    }

    @Test
    void aTokenWithoutARoleIsForbidden() {
        as(Tokens.withoutRoles())
                .get("/api/v1/tenants")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://neoforge.io/problems/forbidden"));
    }

    @Test
    void aTenantAdminReadsAndChangesItsOwnTenant() {
        String token = Tokens.tenantAdmin(tenantA);

        as(token).get("/api/v1/tenants/" + tenantA).then().statusCode(200).body("name", equalTo(tenantA));
        as(token)
                .body("{\"plan\": \"pro\"}")
                .put("/api/v1/tenants/" + tenantA + "/plan")
                .then()
                .statusCode(200);
        as(token)
                .body("{\"displayName\": \"Alpha\"}")
                .patch("/api/v1/tenants/" + tenantA)
                .then()
                .statusCode(200);
        as(token).delete("/api/v1/tenants/" + tenantA).then().statusCode(202);
    }

    @Test
    void anotherTenantLooksAbsentToATenantAdmin() {
        String token = Tokens.tenantAdmin(tenantA);

        assertNotFound(as(token).get("/api/v1/tenants/" + tenantB).then());
        assertNotFound(as(token)
                .body("{\"plan\": \"pro\"}")
                .put("/api/v1/tenants/" + tenantB + "/plan")
                .then());
        assertNotFound(as(token)
                .body("{\"displayName\": \"Mine\"}")
                .patch("/api/v1/tenants/" + tenantB)
                .then());
        assertNotFound(as(token).delete("/api/v1/tenants/" + tenantB).then());

        org.assertj.core.api.Assertions.assertThat(tenant(tenantB).getSpec().getPlan())
                .isEqualTo("starter");
    }

    @Test
    void aTenantAdminListsOnlyItsOwnTenant() {
        as(Tokens.tenantAdmin(tenantA))
                .get("/api/v1/tenants")
                .then()
                .statusCode(200)
                .body("name", contains(tenantA));
    }

    @Test
    void aTenantAdminMayNotReadTheAuditLog() {
        as(Tokens.tenantAdmin(tenantA))
                .get("/api/v1/audit")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void aPlatformAdminMayDoEverything() {
        String token = Tokens.platformAdmin();

        as(token).get("/api/v1/tenants").then().statusCode(200).body("name", hasItems(tenantA, tenantB));
        as(token).get("/api/v1/tenants/" + tenantB).then().statusCode(200);
        as(token)
                .body("{\"plan\": \"enterprise\"}")
                .put("/api/v1/tenants/" + tenantB + "/plan")
                .then()
                .statusCode(200);
        as(token)
                .body("{\"suspended\": true}")
                .patch("/api/v1/tenants/" + tenantB)
                .then()
                .statusCode(200);
        as(token).get("/api/v1/audit").then().statusCode(200);
        as(token).delete("/api/v1/tenants/" + tenantB).then().statusCode(202);
    }

    @Test
    void theSignupNeedsNoToken() {
        anonymous()
                .body(signupBody(uniqueName("public"), "starter"))
                .post("/api/v1/signups")
                .then()
                .statusCode(202);
    }

    private static void assertUnauthorized(ValidatableResponse response) {
        response.statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .contentType("application/problem+json")
                .body("type", equalTo("https://neoforge.io/problems/unauthorized"))
                .body("status", equalTo(401));
    }

    private static void assertNotFound(ValidatableResponse response) {
        response.statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://neoforge.io/problems/not-found"));
    }
}
