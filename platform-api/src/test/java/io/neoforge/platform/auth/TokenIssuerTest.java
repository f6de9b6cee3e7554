package io.neoforge.platform.auth;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.neoforge.platform.testing.PlatformApiTest;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The tokens the sandbox prints are accepted; the test key pair comes from the same DevKeys the sandbox uses. */
@QuarkusTest
class TokenIssuerTest extends PlatformApiTest {

    @Inject
    TokenIssuer issuer;

    @Test
    void anIssuedPlatformAdminTokenMayListTenants() {
        as(issuer.platformAdmin("sandbox-admin")).get("/api/v1/tenants").then().statusCode(200);
    }

    @Test
    void anIssuedTenantAdminTokenSeesItsTenantOnly() {
        String name = uniqueName("issued");
        givenTenant(name, "starter", false);

        as(issuer.tenantAdmin("admin@issued.example", name))
                .get("/api/v1/tenants")
                .then()
                .statusCode(200)
                .body("name", contains(name));
        as(issuer.tenantAdmin("admin@issued.example", name))
                .get("/api/v1/tenants/" + name)
                .then()
                .statusCode(200)
                .body("name", equalTo(name));
    }
}
