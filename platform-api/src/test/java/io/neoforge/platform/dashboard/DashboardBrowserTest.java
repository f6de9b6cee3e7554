package io.neoforge.platform.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.neoforge.api.v1alpha1.common.StatusConditions;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.api.v1alpha1.tenant.TenantConditions;
import io.neoforge.api.v1alpha1.tenant.TenantPhase;
import io.neoforge.api.v1alpha1.tenant.TenantStatus;
import io.neoforge.platform.testing.Browser;
import io.neoforge.platform.testing.PlatformApiTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The dashboard as a person sees it: headless Chromium (Debian's chromium and chromium-driver) against the running
 * application. No operator runs here: the test writes the Tenant status and Events the operator would write.
 * Screenshots land in {@code target/screenshots/}.
 */
@QuarkusTest
class DashboardBrowserTest extends PlatformApiTest {

    /** {@code %test.neoforge.api.dashboard.refresh-seconds} (src/test/resources/application.properties). */
    private static final int REFRESH_SECONDS = 2;
    /** One self-refresh of the page, plus a margin for a busy two-core machine. */
    private static final Duration ONE_REFRESH = Duration.ofSeconds(REFRESH_SECONDS + 8);

    private static final DateTimeFormatter MICRO_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX").withZone(ZoneOffset.UTC);

    private static Browser browser;

    @TestHTTPResource("/")
    URL dashboard;

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start();
    }

    @AfterAll
    static void quitBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    @BeforeEach
    void laptopSize() {
        browser.viewport(Browser.LAPTOP);
    }

    @Test
    void aTenantSignedUpThroughTheApiAppearsAndTurnsReadyOnThePageByItself() throws Exception {
        String name = uniqueName("browser");
        anonymous().body(signupBody(name, "pro")).post("/api/v1/signups").then().statusCode(202);

        browser.open(dashboard, "/");
        assertThat(browser.find("body").getDomAttribute("data-refresh-seconds"))
                .isEqualTo(String.valueOf(REFRESH_SECONDS));
        WebElement row = browser.find(row(name));
        assertThat(row.getDomAttribute("data-phase")).isEqualTo("Pending");
        assertThat(row.getDomAttribute("data-ready")).isEqualTo("Unknown");
        assertThat(row.findElement(By.cssSelector("[data-field=plan]")).getText())
                .isEqualTo("pro");
        assertThat(row.findElement(By.cssSelector("[data-field=name]")).getText())
                .contains("Display of " + name);
        assertThat(row.findElement(By.cssSelector("[data-field=message]")).getText())
                .isEqualTo("Waiting for the operator.");

        // The operator's first status: provisioning, not ready, and why.
        markPageLoad();
        writeStatus(
                name,
                TenantPhase.Provisioning,
                null,
                condition(TenantConditions.PLAN_RESOLVED, true, "PlanFound", "Plan \"pro\" is applied."),
                condition(
                        TenantConditions.NAMESPACE_READY,
                        true,
                        "NamespaceReady",
                        "Namespace tenant-" + name + " is in place."),
                condition(
                        TenantConditions.DATABASE_READY,
                        false,
                        "DatabasePending",
                        "Database tenant_" + name + " is being created."),
                condition(
                        TenantConditions.READY,
                        false,
                        "DatabasePending",
                        "Database tenant_" + name + " is being created."));
        browser.await(
                ONE_REFRESH,
                "tenant row shows Provisioning after the page refreshed itself",
                d -> "Provisioning"
                        .equals(d.findElement(By.cssSelector(row(name))).getDomAttribute("data-phase")));
        assertThat(pageWasReloaded()).as("the page reloaded itself").isTrue();
        row = browser.find(row(name));
        assertThat(row.getDomAttribute("data-ready")).isEqualTo("False");
        WebElement reason = row.findElement(By.cssSelector("[data-field=reason]"));
        assertThat(reason.isDisplayed()).isTrue();
        assertThat(reason.getText()).isEqualTo("DatabasePending");
        assertThat(row.findElement(By.cssSelector("[data-field=message]")).getText())
                .contains("is being created");
        assertThat(row.findElement(By.cssSelector("[data-field=url]")).getText())
                .isEmpty();

        // ... and once it is provisioned.
        String url = "http://" + name + ".neoforge.localhost";
        markPageLoad();
        writeStatus(name, TenantPhase.Ready, url, allConditionsTrue(name, url));
        browser.await(
                ONE_REFRESH,
                "tenant row shows Ready after the page refreshed itself",
                d -> "Ready".equals(d.findElement(By.cssSelector(row(name))).getDomAttribute("data-phase")));
        assertThat(pageWasReloaded()).as("the page reloaded itself").isTrue();
        row = browser.find(row(name));
        assertThat(row.getDomAttribute("data-ready")).isEqualTo("True");
        assertThat(row.findElement(By.cssSelector("[data-field=ready]")).getText())
                .isEqualTo("Ready");
        assertThat(row.findElements(By.cssSelector("[data-field=reason]"))).isEmpty();
        WebElement link = row.findElement(By.cssSelector("[data-field=url] a"));
        assertThat(link.getDomAttribute("href")).isEqualTo(url);
        assertThat(link.isDisplayed()).isTrue();

        // Readable on a laptop and on a wall screen: no horizontal scrolling, text large enough for the distance, also
        // next to tenants in trouble with the long messages the operator writes.
        givenTroubledTenants();
        Path laptop = screenshotWhereReadable(Browser.LAPTOP, "dashboard-laptop", name, 14);
        Path wall = screenshotWhereReadable(Browser.WALL, "dashboard-wall", name, 20);
        assertThat(pngSize(laptop)).containsExactly(1366, 768);
        assertThat(pngSize(wall)).containsExactly(3840, 2160);
    }

    @Test
    void aTenantsPageShowsEveryConditionAndItsRecentEvents() {
        String name = uniqueName("browser");
        Tenant tenant = givenTenant(name, "starter", false);
        String url = "http://" + name + ".neoforge.localhost";
        Map<String, Boolean> conditions = writeStatus(name, TenantPhase.Ready, url, allConditionsTrue(name, url));
        recordEvent(tenant, "Normal", "Provisioned", "The tenant is served at " + url + ".");
        recordEvent(tenant, "Warning", "DatabaseUnavailable", "PostgreSQL did not answer within 5 s; retrying.");

        browser.open(dashboard, "/");
        openTenantPage(browser, name);
        assertThat(browser.driver().getCurrentUrl()).endsWith("/tenants/" + name);
        assertThat(browser.find("#tenant").getDomAttribute("data-tenant")).isEqualTo(name);
        assertThat(browser.find("#tenant").getDomAttribute("data-ready")).isEqualTo("True");

        List<WebElement> shown = browser.findAll("#conditions tr[data-condition]");
        assertThat(shown)
                .extracting(e -> e.getDomAttribute("data-condition"))
                .containsExactlyInAnyOrderElementsOf(conditions.keySet());
        for (WebElement condition : shown) {
            assertThat(condition.isDisplayed()).isTrue();
            assertThat(condition.getDomAttribute("data-status")).isEqualTo("True");
            assertThat(condition
                            .findElement(By.cssSelector("[data-field=reason]"))
                            .getText())
                    .isNotBlank();
            assertThat(condition
                            .findElement(By.cssSelector("[data-field=message]"))
                            .getText())
                    .isNotBlank();
        }

        WebElement provisioned = browser.find("#events tr[data-event-reason=Provisioned]");
        assertThat(provisioned.isDisplayed()).isTrue();
        assertThat(provisioned.getDomAttribute("data-event-type")).isEqualTo("Normal");
        assertThat(provisioned
                        .findElement(By.cssSelector("[data-field=message]"))
                        .getText())
                .contains(url);
        WebElement warning = browser.find("#events tr[data-event-reason=DatabaseUnavailable]");
        assertThat(warning.isDisplayed()).isTrue();
        assertThat(warning.getDomAttribute("data-event-type")).isEqualTo("Warning");
        assertThat(browser.findAll("#no-events")).isEmpty();
        assertNoHorizontalScroll();
        browser.screenshot("tenant-laptop");
    }

    @Test
    void typingInTheSearchBoxIsNotThrownAwayByTheRefresh() {
        browser.open(dashboard, "/");
        markPageLoad();
        WebElement input = browser.find("#search-input");
        input.click();
        input.sendKeys("half-typed");
        // For three refresh intervals while the search box is in use: no reload, and the text stays.
        org.awaitility.Awaitility.await()
                .during(Duration.ofSeconds(3L * REFRESH_SECONDS))
                .atMost(Duration.ofSeconds(3L * REFRESH_SECONDS + 10))
                .until(() -> !pageWasReloaded());
        assertThat(browser.find("#search-input").getDomProperty("value")).isEqualTo("half-typed");
    }

    @Test
    void theSearchBoxFiltersTheTenants() {
        String wanted = uniqueName("findme");
        String other = uniqueName("browser");
        givenTenant(wanted, "enterprise", false);
        givenTenant(other, "starter", false);

        browser.open(dashboard, "/");
        browser.find(row(other));
        search(browser, wanted);

        assertThat(browser.findAll("#tenants tr[data-tenant]"))
                .extracting(e -> e.getDomAttribute("data-tenant"))
                .containsExactly(wanted);
        assertThat(browser.find("[data-summary=shown]").getText()).isEqualTo("1 matching “" + wanted + "”");
        assertThat(browser.find("#search-input").getDomProperty("value")).isEqualTo(wanted);
        assertThat(browser.driver().getCurrentUrl()).contains("q=" + wanted);

        search(browser, "no-tenant-is-called-like-this");
        assertThat(browser.findAll("#tenants tr[data-tenant]")).isEmpty();
        assertThat(browser.find("#no-tenants").getText()).contains("no-tenant-is-called-like-this");
    }

    @Test
    void withoutJavaScriptThePageStillListsTenantsAndSearches() {
        String name = uniqueName("noscript");
        givenTenant(name, "starter", false);
        markReady(name);

        try (Browser noScript = Browser.withoutJavaScript()) {
            noScript.viewport(Browser.LAPTOP);
            // This browser really runs no script: the page's script would have changed the text.
            noScript.driver()
                    .get("data:text/html,<p id=probe>off</p>"
                            + "<script>document.getElementById('probe').textContent='on'</script>");
            assertThat(noScript.find("#probe").getText()).isEqualTo("off");

            noScript.open(dashboard, "/");
            // Without JavaScript the page refreshes itself through <noscript><meta http-equiv="refresh">.
            assertThat(noScript.find("meta[http-equiv=refresh]").getDomAttribute("content"))
                    .isEqualTo(String.valueOf(REFRESH_SECONDS));
            WebElement row = noScript.find(row(name));
            assertThat(row.isDisplayed()).isTrue();
            assertThat(row.getDomAttribute("data-phase")).isEqualTo("Ready");
            assertThat(noScript.findAll("#tenants tr[data-tenant]")).hasSizeGreaterThanOrEqualTo(1);
            assertThat(Integer.parseInt(
                            noScript.find("[data-summary=total] strong").getText()))
                    .isPositive();

            search(noScript, name);
            assertThat(noScript.findAll("#tenants tr[data-tenant]"))
                    .extracting(e -> e.getDomAttribute("data-tenant"))
                    .containsExactly(name);

            openTenantPage(noScript, name);
            assertThat(noScript.find("#conditions tr[data-condition=Ready]").getDomAttribute("data-status"))
                    .isEqualTo("True");
        }
    }

    // --- helpers -----------------------------------------------------------------------------------------------------

    private static String row(String tenant) {
        return "#tenants tr[data-tenant='" + tenant + "']";
    }

    /** Types into the search box and submits the form, as a person would (a GET form: no script involved). */
    private static void search(Browser on, String query) {
        on.actUntil(
                ONE_REFRESH,
                "search for " + query,
                () -> {
                    WebElement input = on.find("#search-input");
                    input.clear();
                    input.sendKeys(query);
                    on.find("#search-submit").click();
                },
                d -> d.getCurrentUrl().contains("q=" + query)
                        && query.equals(d.findElement(By.id("search-input")).getDomProperty("value")));
    }

    /** Follows the tenant's link in the overview to its page. */
    private static void openTenantPage(Browser on, String tenant) {
        on.actUntil(
                ONE_REFRESH,
                "the page of " + tenant,
                () -> on.find(row(tenant) + " [data-field=name] a").click(),
                d -> d.getCurrentUrl().endsWith("/tenants/" + tenant)
                        && !d.findElements(By.id("tenant")).isEmpty());
    }

    /** Tenants the operator reports trouble for, with messages as long as its real ones. */
    private static void givenTroubledTenants() {
        String failed = uniqueName("troubled");
        givenTenant(failed, "enterprise", false);
        String problem = "Plan \"enterprise\" cannot be applied: spec.resources.database.storage 500Gi exceeds the "
                + "cluster's StorageClass limit of 200Gi; lower it in the plan or raise the limit, then the operator "
                + "retries by itself.";
        writeStatus(
                failed,
                TenantPhase.Failed,
                null,
                condition(TenantConditions.PLAN_RESOLVED, false, "PlanInvalid", problem),
                condition(TenantConditions.READY, false, "PlanInvalid", problem));
        String suspended = uniqueName("troubled");
        givenTenant(suspended, "starter", false);
        writeStatus(
                suspended,
                TenantPhase.Suspended,
                "http://" + suspended + ".neoforge.localhost",
                condition(
                        TenantConditions.SUSPENDED,
                        true,
                        "SuspendedBySpec",
                        "spec.suspended is true: the app is "
                                + "scaled to zero and database login is disabled; data is kept."),
                condition(
                        TenantConditions.READY,
                        false,
                        "Suspended",
                        "The tenant is suspended; set spec.suspended to false to resume."));
    }

    /** Sets a marker in the current document; a reload (the page's own refresh) takes it away. */
    private static void markPageLoad() {
        browser.await(
                ONE_REFRESH, "marking the page", d -> browser.script("window.neoforgeLoadMarker = true; return true;"));
    }

    private static boolean pageWasReloaded() {
        return Boolean.TRUE.equals(browser.script("return window.neoforgeLoadMarker === undefined;"));
    }

    private Path screenshotWhereReadable(Browser.Viewport viewport, String file, String tenant, double minFontPx) {
        browser.viewport(viewport);
        browser.open(dashboard, "/");
        browser.find(row(tenant));
        assertNoHorizontalScroll();
        Number innerWidth = (Number) browser.script("return window.innerWidth;");
        assertThat(innerWidth.intValue()).as("viewport width").isEqualTo(viewport.width());
        // clientWidth is the viewport without a vertical scroll bar: the table must fit into that.
        Number clientWidth = (Number) browser.script("return document.documentElement.clientWidth;");
        Number tableRight =
                (Number) browser.script("return document.getElementById('tenants').getBoundingClientRect().right;");
        assertThat(tableRight.doubleValue())
                .as("tenant table's right edge")
                .isLessThanOrEqualTo(clientWidth.doubleValue());
        double cellFont = fontSizePx(row(tenant) + " [data-field=plan]");
        assertThat(cellFont)
                .as("font size of a tenant cell at %sx%s", viewport.width(), viewport.height())
                .isGreaterThanOrEqualTo(minFontPx);
        assertThat(fontSizePx("#tenants th")).as("column headings").isGreaterThanOrEqualTo(minFontPx * 0.8);
        return browser.screenshot(file);
    }

    private static void assertNoHorizontalScroll() {
        Number scrollWidth = (Number) browser.script("return document.documentElement.scrollWidth;");
        Number clientWidth = (Number) browser.script("return document.documentElement.clientWidth;");
        assertThat(scrollWidth.intValue())
                .as("page width (no horizontal scrolling)")
                .isLessThanOrEqualTo(clientWidth.intValue());
        Number overflowing = (Number) browser.script("return [...document.querySelectorAll('section')]"
                + ".filter(s => s.scrollWidth > s.clientWidth + 1).length;");
        assertThat(overflowing.intValue()).as("sections that scroll sideways").isZero();
    }

    private static double fontSizePx(String css) {
        String size = (String) browser.script("return getComputedStyle(arguments[0]).fontSize;", browser.find(css));
        return Double.parseDouble(size.replace("px", ""));
    }

    private static int[] pngSize(Path png) throws Exception {
        byte[] header = Files.readAllBytes(png);
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(header, 16, 8);
        return new int[] {buffer.getInt(), buffer.getInt()};
    }

    private static io.fabric8.kubernetes.api.model.Condition condition(
            String type, boolean status, String reason, String message) {
        List<io.fabric8.kubernetes.api.model.Condition> one = new java.util.ArrayList<>();
        StatusConditions.set(one, type, status, reason, message, 1L, Instant.now());
        return one.get(0);
    }

    private static io.fabric8.kubernetes.api.model.Condition[] allConditionsTrue(String name, String url) {
        return new io.fabric8.kubernetes.api.model.Condition[] {
            condition(TenantConditions.PLAN_RESOLVED, true, "PlanFound", "The plan is applied."),
            condition(
                    TenantConditions.NAMESPACE_READY,
                    true,
                    "NamespaceReady",
                    "Namespace tenant-" + name + " is in place."),
            condition(
                    TenantConditions.DATABASE_READY,
                    true,
                    "DatabaseReady",
                    "Database tenant_" + name + " accepts logins."),
            condition(TenantConditions.WORKLOAD_READY, true, "WorkloadReady", "1/1 replicas are available."),
            condition(TenantConditions.ROUTING_READY, true, "RoutingReady", "Ingress routes " + url + "."),
            condition(TenantConditions.READY, true, "Provisioned", "The tenant is served at " + url + ".")
        };
    }

    /** Writes the status as the operator does (status subresource); returns the conditions by type and status. */
    private static Map<String, Boolean> writeStatus(
            String name, TenantPhase phase, String url, io.fabric8.kubernetes.api.model.Condition... conditions) {
        Tenant tenant = tenant(name);
        TenantStatus status = new TenantStatus();
        status.setPhase(phase);
        status.setUrl(url);
        status.setPlan(tenant.getSpec().getPlan());
        status.setObservedGeneration(tenant.getMetadata().getGeneration());
        Map<String, Boolean> written = new java.util.LinkedHashMap<>();
        status.setConditions(new java.util.ArrayList<>());
        for (io.fabric8.kubernetes.api.model.Condition condition : conditions) {
            condition.setObservedGeneration(tenant.getMetadata().getGeneration());
            status.getConditions().add(condition);
            written.put(condition.getType(), StatusConditions.TRUE.equals(condition.getStatus()));
        }
        tenant.setStatus(status);
        kubernetes().resources(Tenant.class).resource(tenant).updateStatus();
        return written;
    }

    /** A core/v1 Event about the Tenant in namespace {@code default}, shaped as the operator's TenantEvents writes it. */
    private static void recordEvent(Tenant tenant, String type, String reason, String message) {
        Instant now = Instant.now();
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
                        .withKind(tenant.getKind())
                        .withName(tenant.getMetadata().getName())
                        .withUid(tenant.getMetadata().getUid())
                        .withResourceVersion(tenant.getMetadata().getResourceVersion())
                        .endInvolvedObject()
                        .withType(type)
                        .withReason(reason)
                        .withMessage(message)
                        .withFirstTimestamp(StatusConditions.format(now))
                        .withLastTimestamp(StatusConditions.format(now))
                        .withEventTime(new MicroTime(MICRO_TIME.format(now)))
                        .withCount(1)
                        .withReportingComponent("neoforge-operator")
                        .withReportingInstance("neoforge-operator")
                        .withAction(reason)
                        .withNewSource()
                        .withComponent("neoforge-operator")
                        .endSource()
                        .build())
                .create();
    }
}
