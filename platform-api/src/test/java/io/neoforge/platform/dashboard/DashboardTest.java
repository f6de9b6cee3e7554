package io.neoforge.platform.dashboard;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.platform.testing.PlatformApiTest;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DashboardTest extends PlatformApiTest {

    @Test
    void theOverviewListsTenantsWithPhasePlanReadinessAndPlans() {
        String ready = uniqueName("dash");
        String pending = uniqueName("dash");
        givenTenant(ready, "pro", false);
        givenTenant(pending, "starter", false);
        markReady(ready);

        given().get("/")
                .then()
                .statusCode(200)
                .contentType("text/html")
                .body(allOf(
                        containsString("<noscript><meta http-equiv=\"refresh\""),
                        containsString("data-tenant=\"" + ready + "\" data-phase=\"Ready\" data-ready=\"True\""),
                        containsString("data-tenant=\"" + pending + "\" data-phase=\"Pending\" data-ready=\"Unknown\""),
                        containsString("href=\"http://" + ready + ".neoforge.localhost\""),
                        containsString("data-plan=\"starter\""),
                        containsString("id=\"search\"")));
    }

    @Test
    void theSearchBoxNarrowsTheTenants() {
        String wanted = uniqueName("needle");
        String other = uniqueName("hay");
        givenTenant(wanted, "starter", false);
        givenTenant(other, "starter", false);

        given().queryParam("q", "needle")
                .get("/")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("data-tenant=\"" + wanted + "\""),
                        not(containsString("data-tenant=\"" + other + "\""))));
    }

    @Test
    void aTenantsPageShowsItsConditionsAndEvents() {
        String name = uniqueName("detail");
        Tenant tenant = givenTenant(name, "starter", false);
        markReady(name);
        recordEvent(tenant, "Provisioned", "tenant is ready");

        given().get("/tenants/" + name)
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("data-condition=\"Ready\" data-status=\"True\""),
                        containsString("data-event-reason=\"Provisioned\""),
                        containsString("tenant is ready")));
    }

    @Test
    void anUnknownTenantsPageIsNotFound() {
        given().get("/tenants/no-such-tenant").then().statusCode(404).body(containsString("id=\"not-found\""));
    }

    private static void recordEvent(Tenant tenant, String reason, String message) {
        String now = Instant.now().toString();
        kubernetes()
                .v1()
                .events()
                .inNamespace("default")
                .resource(new EventBuilder()
                        .withNewMetadata()
                        .withGenerateName(tenant.getMetadata().getName() + ".")
                        .endMetadata()
                        .withNewInvolvedObject()
                        .withApiVersion(tenant.getApiVersion())
                        .withKind("Tenant")
                        .withName(tenant.getMetadata().getName())
                        .withUid(tenant.getMetadata().getUid())
                        .endInvolvedObject()
                        .withType("Normal")
                        .withReason(reason)
                        .withMessage(message)
                        .withFirstTimestamp(now)
                        .withLastTimestamp(now)
                        .withCount(1)
                        .build())
                .create();
    }
}
