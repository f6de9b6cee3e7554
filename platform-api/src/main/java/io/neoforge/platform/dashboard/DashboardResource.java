package io.neoforge.platform.dashboard;

import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.api.v1alpha1.tenant.TenantStatus;
import io.neoforge.platform.PlatformApiConfig;
import io.neoforge.platform.problem.ProblemException;
import io.neoforge.platform.tenant.ConditionView;
import io.neoforge.platform.tenant.TenantStore;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The operator status dashboard: server-rendered, refreshes itself, works without JavaScript. Read-only; it shows
 * every tenant, so expose it only where operators are (see the module README).
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@PermitAll
public class DashboardResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(
                List<TenantRow> tenants,
                List<PlanRow> plans,
                String query,
                long total,
                long ready,
                long notReady,
                int refreshSeconds);

        static native TemplateInstance tenant(
                TenantRow tenant,
                List<ConditionView> conditions,
                List<EventRow> events,
                String observedPlan,
                boolean suspended,
                boolean deletionProtection,
                int refreshSeconds);

        static native TemplateInstance notFound(String name, int refreshSeconds);
    }

    private final TenantStore store;
    private final TenantEventReader events;
    private final PlatformApiConfig config;

    public DashboardResource(TenantStore store, TenantEventReader events, PlatformApiConfig config) {
        this.store = store;
        this.events = events;
        this.config = config;
    }

    @GET
    @Operation(hidden = true)
    public TemplateInstance index(@QueryParam("q") String query) {
        requireEnabled();
        Instant now = Instant.now();
        List<TenantRow> all =
                store.list().stream().map(t -> TenantRow.of(t, now)).toList();
        String q = query == null ? "" : query.strip();
        List<TenantRow> shown =
                q.isEmpty() ? all : all.stream().filter(t -> t.matches(q)).toList();
        List<PlanRow> plans = store.plans().stream().map(PlanRow::of).toList();
        long ready = all.stream().filter(TenantRow::ready).count();
        return Templates.index(
                shown,
                plans,
                q,
                all.size(),
                ready,
                all.size() - ready,
                config.dashboard().refreshSeconds());
    }

    @GET
    @Path("tenants/{name}")
    @Operation(hidden = true)
    public Response tenant(@PathParam("name") String name) {
        requireEnabled();
        int refresh = config.dashboard().refreshSeconds();
        Optional<Tenant> found = store.find(name);
        if (found.isEmpty()) {
            return Response.status(Response.Status.NOT_FOUND)
                    .type(MediaType.TEXT_HTML)
                    .entity(Templates.notFound(name, refresh))
                    .build();
        }
        Tenant tenant = found.get();
        Instant now = Instant.now();
        Optional<TenantStatus> status = Optional.ofNullable(tenant.getStatus());
        return Response.ok(Templates.tenant(
                        TenantRow.of(tenant, now),
                        status.map(TenantStatus::conditionsOrEmpty).orElse(List.of()).stream()
                                .map(ConditionView::of)
                                .toList(),
                        events.recent(name, now),
                        status.map(TenantStatus::getPlan).orElse(""),
                        tenant.specOrEmpty().isSuspended(),
                        tenant.specOrEmpty().isDeletionProtected(),
                        refresh))
                .build();
    }

    private void requireEnabled() {
        if (!config.dashboard().enabled()) {
            throw ProblemException.notFound("the dashboard is turned off (neoforge.api.dashboard.enabled=false)");
        }
    }
}
