package io.neoforge.operator.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.neoforge.api.v1alpha1.plan.Plan;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.api.v1alpha1.tenant.TenantSpec;
import io.neoforge.api.v1alpha1.tenant.TenantStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Events and metrics follow the status write that records the transition, and only a write that succeeded. */
class TenantStatusPublisherTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private final List<String> happened = new ArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final TenantStatusPublisher publisher = new TenantStatusPublisher(
            new TenantEvents(null) {
                @Override
                public void normal(Tenant tenant, String reason, String message) {
                    happened.add("event " + reason);
                }

                @Override
                public void warning(Tenant tenant, String reason, String message) {
                    happened.add("warning " + reason);
                }
            },
            new TenantMetrics(registry));

    @Test
    void theProvisionedEventAndTheTimeToReadyFollowTheWrite() {
        Tenant tenant = tenant(null);

        publisher.publish(
                tenant,
                new TenantStatusBuilder(tenant, NOW).observed(ready(), "https://acme.example"),
                status -> happened.add("write " + status.getPhase()));

        assertThat(happened).containsExactly("write Ready", "event Provisioned");
        assertThat(registry.get("neoforge.tenant.time.to.ready").timer().count())
                .isEqualTo(1);
        assertThat(registry.get("neoforge.tenants")
                        .tag("phase", "Ready")
                        .gauge()
                        .value())
                .isEqualTo(1.0);
    }

    @Test
    void aFailedWriteAnnouncesNothing() {
        Tenant tenant = tenant(null);

        assertThatThrownBy(
                        () -> publisher.publish(tenant, new TenantStatusBuilder(tenant, NOW).planNotFound(), status -> {
                            throw new KubernetesClientException("conflict", 409, null);
                        }))
                .isInstanceOf(KubernetesClientException.class);

        assertThat(happened).isEmpty();
        assertThat(registry.find("neoforge.tenants").gauges()).isEmpty();
        assertThat(registry.get("neoforge.tenant.time.to.ready").timer().count())
                .isZero();
    }

    @Test
    void aStatusThatSaysNothingNewIsNeitherWrittenNorAnnounced() {
        Tenant first = tenant(null);
        TenantStatus ready = new TenantStatusBuilder(first, NOW)
                .observed(ready(), "https://acme.example")
                .status();
        Tenant again = tenant(ready);

        publisher.publish(
                again,
                new TenantStatusBuilder(again, NOW.plusSeconds(30)).observed(ready(), "https://acme.example"),
                status -> happened.add("write"));

        assertThat(happened).isEmpty();
    }

    @Test
    void aPartThatFailsIsAWarningAfterTheWrite() {
        Tenant tenant = tenant(null);

        publisher.publish(
                tenant,
                new TenantStatusBuilder(tenant, NOW)
                        .observed(
                                ready().withErrors(Map.of(
                                        TenantObservation.INGRESS,
                                        new KubernetesClientException("forbidden", 403, null))),
                                "https://acme.example"),
                status -> happened.add("write " + status.getPhase()));

        assertThat(happened).containsExactly("write Provisioning", "warning WriteForbidden");
    }

    private static TenantObservation ready() {
        return new TenantObservation(
                Optional.of(new Plan()),
                Optional.of(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName("tenant-acme")
                        .endMetadata()
                        .build()),
                Optional.of(new DeploymentBuilder()
                        .withNewMetadata()
                        .withGeneration(1L)
                        .endMetadata()
                        .withNewSpec()
                        .withReplicas(1)
                        .endSpec()
                        .withNewStatus()
                        .withObservedGeneration(1L)
                        .withReplicas(1)
                        .withAvailableReplicas(1)
                        .endStatus()
                        .build()),
                Optional.of(new IngressBuilder()
                        .withNewSpec()
                        .addNewRule()
                        .withHost("acme.example")
                        .endRule()
                        .endSpec()
                        .build()),
                Optional.of("digest"),
                Map.of());
    }

    private static Tenant tenant(TenantStatus status) {
        Tenant tenant = new Tenant();
        tenant.getMetadata().setName("acme");
        tenant.getMetadata().setGeneration(1L);
        tenant.getMetadata().setCreationTimestamp("2026-12-01T11:59:00Z");
        tenant.setSpec(new TenantSpec());
        tenant.getSpec().setPlan("basic");
        tenant.setStatus(status);
        return tenant;
    }
}
