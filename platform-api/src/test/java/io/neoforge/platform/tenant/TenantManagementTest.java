package io.neoforge.platform.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.neoforge.api.v1alpha1.tenant.TenantAdmin;
import io.neoforge.platform.testing.PlatformApiTest;
import io.neoforge.platform.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TenantManagementTest extends PlatformApiTest {

    private String name;
    private String admin;

    @BeforeEach
    void aTenant() {
        name = uniqueName("mgmt");
        givenTenant(name, "starter", false);
        admin = Tokens.platformAdmin();
    }

    @Test
    void aPlanChangeIsWrittenToTheTenantAndAudited() {
        String requestId = newRequestId();

        as(admin)
                .header("X-Request-Id", requestId)
                .body("{\"plan\": \"pro\"}")
                .when()
                .put("/api/v1/tenants/" + name + "/plan")
                .then()
                .statusCode(200)
                .body("plan", equalTo("pro"));

        assertThat(tenant(name).getSpec().getPlan()).isEqualTo("pro");
        assertThat(auditRows(requestId)).singleElement().satisfies(row -> {
            assertThat(row)
                    .containsEntry("action", "tenant.plan.change")
                    .containsEntry("tenant", name)
                    .containsEntry("actor", "root@neoforge.test");
            assertThat(row.get("details")).contains("\"from\": \"starter\"", "\"to\": \"pro\"");
        });
    }

    @Test
    void aPlanChangeToAnUnknownPlanIsRefused() {
        as(admin)
                .body("{\"plan\": \"gold\"}")
                .when()
                .put("/api/v1/tenants/" + name + "/plan")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://neoforge.io/problems/unknown-plan"));

        assertThat(tenant(name).getSpec().getPlan()).isEqualTo("starter");
    }

    @Test
    void aPatchChangesDisplayNameAdminsBrandingAndSuspensionAndIsAudited() {
        String requestId = newRequestId();

        as(admin)
                .header("X-Request-Id", requestId)
                .contentType("application/merge-patch+json")
                .body("""
                {"displayName": "Renamed", "admins": [{"kind": "Group", "name": "ops"}, {"name": "bob@x.example"}],
                 "branding": {"primaryColor": "#0a66c2"}, "suspended": true}""")
                .when()
                .patch("/api/v1/tenants/" + name)
                .then()
                .statusCode(200)
                .body("displayName", equalTo("Renamed"))
                .body("suspended", equalTo(true))
                .body("admins.name", containsInAnyOrder("ops", "bob@x.example"))
                .body("branding.primaryColor", equalTo("#0a66c2"));

        var spec = tenant(name).getSpec();
        assertThat(spec.getDisplayName()).isEqualTo("Renamed");
        assertThat(spec.isSuspended()).isTrue();
        assertThat(spec.getBranding().getPrimaryColor()).isEqualTo("#0a66c2");
        assertThat(spec.getAdmins())
                .extracting(TenantAdmin::getKind, TenantAdmin::getName)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(TenantAdmin.Kind.Group, "ops"),
                        org.assertj.core.groups.Tuple.tuple(TenantAdmin.Kind.User, "bob@x.example"));
        assertThat(auditRows(requestId)).singleElement().satisfies(row -> {
            assertThat(row).containsEntry("action", "tenant.update");
            assertThat(row.get("details")).contains("Renamed", "\"suspended\": true");
        });
    }

    @Test
    void aPatchOfAFieldThatMayNotChangeIsRefused() {
        as(admin)
                .body("{\"plan\": \"pro\", \"deletionProtection\": false}")
                .when()
                .patch("/api/v1/tenants/" + name)
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("plan", "deletionProtection"));
    }

    @Test
    void aPatchTheCrdSchemaRefusesIsAValidationProblemAndLeavesNoAuditRow() {
        String requestId = newRequestId();

        as(admin)
                .header("X-Request-Id", requestId)
                .body("{\"branding\": {\"primaryColor\": \"blue\"}}")
                .when()
                .patch("/api/v1/tenants/" + name)
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://neoforge.io/problems/validation"))
                .body("errors.field", org.hamcrest.Matchers.hasItem(containsString("primaryColor")));

        assertThat(tenant(name).getSpec().brandingOrEmpty().getPrimaryColor()).isNull();
        assertThat(auditRows(requestId)).isEmpty();
    }

    @Test
    void deletingAnUnprotectedTenantIsAcceptedAndAudited() {
        String requestId = newRequestId();

        as(admin)
                .header("X-Request-Id", requestId)
                .when()
                .delete("/api/v1/tenants/" + name)
                .then()
                .statusCode(202);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> tenant(name) == null || tenant(name).getMetadata().getDeletionTimestamp() != null);
        assertThat(auditRows(requestId))
                .singleElement()
                .satisfies(row -> assertThat(row).containsEntry("action", "tenant.delete"));
    }

    @Test
    void deletingAProtectedTenantIsRefusedAndChangesNothing() {
        String protectedName = uniqueName("guarded");
        givenTenant(protectedName, "starter", true);
        String requestId = newRequestId();

        as(admin)
                .header("X-Request-Id", requestId)
                .when()
                .delete("/api/v1/tenants/" + protectedName)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://neoforge.io/problems/deletion-protected"))
                .body("detail", containsString("deletionProtection"));

        assertThat(tenant(protectedName)).isNotNull();
        assertThat(tenant(protectedName).getMetadata().getDeletionTimestamp()).isNull();
        assertThat(auditRows(requestId)).isEmpty();
    }

    @Test
    void anUnknownTenantIsAProblemNotFound() {
        as(admin)
                .get("/api/v1/tenants/no-such-tenant")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://neoforge.io/problems/not-found"))
                .body("instance", equalTo("/api/v1/tenants/no-such-tenant"))
                .body("requestId", not(emptyOrNullString()));
    }
}
