package io.neoforge.operator.tenant;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.neoforge.api.v1alpha1.common.StatusConditions;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jboss.logging.Logger;

/**
 * Kubernetes Events on a Tenant's transitions, for {@code kubectl describe tenant}. Tenants are
 * cluster-scoped, so their events live in the {@code default} namespace, as a Node's do.
 */
@ApplicationScoped
public class TenantEvents {
    static final String EVENT_NAMESPACE = "default";
    private static final Logger LOG = Logger.getLogger(TenantEvents.class);
    /** Kubernetes MicroTime: exactly six fractional digits, or clients fail to decode the whole list. */
    private static final DateTimeFormatter MICRO_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSX").withZone(ZoneOffset.UTC);

    private final KubernetesClient client;

    public TenantEvents(KubernetesClient client) {
        this.client = client;
    }

    public void normal(Tenant tenant, String reason, String message) {
        record(tenant, "Normal", reason, message);
    }

    public void warning(Tenant tenant, String reason, String message) {
        record(tenant, "Warning", reason, message);
    }

    private void record(Tenant tenant, String type, String reason, String message) {
        String now = StatusConditions.format(Instant.now());
        try {
            client.v1()
                    .events()
                    .inNamespace(EVENT_NAMESPACE)
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
                            .withFirstTimestamp(now)
                            .withLastTimestamp(now)
                            .withEventTime(new MicroTime(MICRO_TIME.format(Instant.now())))
                            .withCount(1)
                            .withReportingComponent("neoforge-operator")
                            .withReportingInstance(System.getenv().getOrDefault("HOSTNAME", "neoforge-operator"))
                            .withAction(reason)
                            .withNewSource()
                            .withComponent("neoforge-operator")
                            .endSource()
                            .build())
                    .create();
        } catch (KubernetesClientException e) {
            // An event is a courtesy to people; never fail a reconciliation over one.
            LOG.warnf(
                    "tenant %s: could not record event %s: %s",
                    tenant.getMetadata().getName(), reason, e.getMessage());
        }
    }
}
