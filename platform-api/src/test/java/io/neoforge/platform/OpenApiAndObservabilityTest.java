package io.neoforge.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.neoforge.platform.testing.PlatformApiTest;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OpenApiAndObservabilityTest extends PlatformApiTest {

    @Test
    void theOpenApiDocumentDescribesEveryEndpointWithExamples() {
        given().accept("application/json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("info.title", equalTo("NeoForge platform API"))
                .body("paths.'/api/v1/signups'.post.summary", notNullValue())
                .body(
                        "paths.'/api/v1/signups'.post.requestBody.content.'application/json'.examples.acme",
                        notNullValue())
                .body("paths.'/api/v1/tenants/{name}'.get", notNullValue())
                .body("paths.'/api/v1/tenants/{name}/plan'.put", notNullValue())
                .body("paths.'/api/v1/tenants/{name}'.patch", notNullValue())
                .body("paths.'/api/v1/tenants/{name}'.delete", notNullValue())
                .body("paths.'/api/v1/audit'.get", notNullValue())
                .body("components.schemas.Problem.description", containsString("RFC 9457"))
                .body("components.securitySchemes.bearer", notNullValue());
    }

    @Test
    void swaggerUiIsServed() {
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void healthIsUp() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void prometheusMetricsAreServed() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_"));
    }
}
