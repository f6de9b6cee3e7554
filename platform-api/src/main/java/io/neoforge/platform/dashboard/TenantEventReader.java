package io.neoforge.platform.dashboard;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.platform.PlatformApiConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** The Events the operator wrote about a tenant (core/v1, in the event namespace, involvedObject = the Tenant). */
@ApplicationScoped
public class TenantEventReader {

    private static final String TENANT_KIND = new Tenant().getKind();

    private final KubernetesClient client;
    private final PlatformApiConfig config;

    public TenantEventReader(KubernetesClient client, PlatformApiConfig config) {
        this.client = client;
        this.config = config;
    }

    /** Newest first. */
    public List<EventRow> recent(String tenant, Instant now) {
        List<Event> events = client.v1()
                .events()
                .inNamespace(config.kubernetes().eventNamespace())
                .withField("involvedObject.name", tenant)
                .list()
                .getItems();
        // Filtered again here: the field selector narrows by name only, and kind is what makes it a Tenant's event.
        return events.stream()
                .filter(e -> e.getInvolvedObject() != null
                        && TENANT_KIND.equals(e.getInvolvedObject().getKind())
                        && tenant.equals(e.getInvolvedObject().getName()))
                .sorted(Comparator.comparing(EventRow::time, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .reversed())
                .limit(config.dashboard().events())
                .map(e -> EventRow.of(e, now))
                .toList();
    }
}
