package io.neoforge.platform.signup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.api.v1alpha1.tenant.TenantAdmin;
import io.neoforge.platform.testing.PlatformApiTest;
import io.neoforge.platform.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SignupTest extends PlatformApiTest {

    @Test
    void signupCreatesTheTenantAndAnswersItsStatusUrl() {
        String name = uniqueName("acme");
        String requestId = newRequestId();

        String location = anonymous()
                .header("X-Request-Id", requestId)
                .body(signupBody(name, "starter"))
                .when()
                .post("/api/v1/signups")
                .then()
                .statusCode(202)
                .header("Location", endsWith("/api/v1/tenants/" + name))
                .header("X-Request-Id", requestId)
                .body("name", equalTo(name))
                .body("statusUrl", endsWith("/api/v1/tenants/" + name))
                .extract()
                .header("Location");

        Tenant tenant = tenant(name);
        assertThat(tenant).isNotNull();
        assertThat(tenant.getSpec().getPlan()).isEqualTo("starter");
        assertThat(tenant.getSpec().getDisplayName()).isEqualTo("Display of " + name);
        assertThat(tenant.getSpec().getAdmins()).singleElement().satisfies(admin -> {
            assertThat(admin.getKind()).isEqualTo(TenantAdmin.Kind.User);
            assertThat(admin.getName()).isEqualTo("admin@" + name + ".example");
        });
        assertThat(auditRows(requestId)).singleElement().satisfies(row -> {
            assertThat(row)
                    .containsEntry("action", "tenant.signup")
                    .containsEntry("actor", "anonymous")
                    .containsEntry("tenant", name);
            assertThat(row.get("details")).contains("starter", "admin@" + name + ".example");
        });

        markReady(name);

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> as(Tokens.platformAdmin())
                        .when()
                        .get(location)
                        .then()
                        .statusCode(200)
                        .body("name", equalTo(name))
                        .body("phase", equalTo("Ready"))
                        .body("ready", equalTo(true))
                        .body("plan", equalTo("starter"))
                        .body("url", equalTo("http://" + name + ".neoforge.localhost"))
                        .body("conditions[0].type", equalTo("Ready"))
                        .body("conditions[0].status", equalTo("True")));
    }

    @Test
    void aNewTenantHasNoPhaseUntilTheOperatorHasSeenIt() {
        String name = uniqueName("fresh");
        anonymous().body(signupBody(name, "pro")).post("/api/v1/signups").then().statusCode(202);

        as(Tokens.platformAdmin())
                .get("/api/v1/tenants/" + name)
                .then()
                .statusCode(200)
                .body("plan", equalTo("pro"))
                .body("ready", equalTo(false))
                .body("phase", org.hamcrest.Matchers.nullValue());
    }
}
