package io.neoforge.operator.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.neoforge.api.v1alpha1.common.StatusConditions;
import io.neoforge.api.v1alpha1.plan.Plan;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.api.v1alpha1.tenant.TenantConditionReason;
import io.neoforge.api.v1alpha1.tenant.TenantConditionType;
import io.neoforge.api.v1alpha1.tenant.TenantPhase;
import io.neoforge.api.v1alpha1.tenant.TenantSpec;
import io.neoforge.api.v1alpha1.tenant.TenantStatus;
import io.neoforge.operator.tenant.TenantStatusBuilder.Transition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which conditions, reasons and phase a set of observations gives, without an API server. */
class TenantStatusBuilderTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final Instant LATER = NOW.plusSeconds(60);
    private static final String URL = "https://acme.example.com";

    @Test
    void aReadyTenantReportsEveryPartReadyWithItsAddressNamespaceAndDatabase() {
        TenantStatusBuilder builder = new TenantStatusBuilder(tenant(null), NOW).observed(everythingReady(), URL);

        TenantStatus status = builder.status();
        assertThat(status.getPhase()).isEqualTo(TenantPhase.Ready);
        assertThat(reasons(status))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "PlanResolved",
                        "PlanFound",
                        "NamespaceReady",
                        "NamespaceReady",
                        "DatabaseReady",
                        "SchemaReady",
                        "WorkloadReady",
                        "DeploymentAvailable",
                        "RoutingReady",
                        "IngressCreated",
                        "Suspended",
                        "Active",
                        "Ready",
                        "Provisioned"));
        assertThat(status.getUrl()).isEqualTo(URL);
        assertThat(status.getNamespace()).isEqualTo("tenant-acme");
        assertThat(status.getDatabase().getSchema()).isEqualTo("tenant_acme");
        assertThat(status.getFirstReadyTime()).isEqualTo("2026-12-01T12:00:00Z");
        assertThat(status.getObservedGeneration()).isEqualTo(3L);
        assertThat(status.getConditions())
                .allSatisfy(c -> assertThat(c.getObservedGeneration()).isEqualTo(3L));
        assertThat(builder.transitions()).extracting(Transition::type).contains(TenantConditionType.Ready);
    }

    @Test
    void theSameObservationAgainChangesNothingAndKeepsTheTransitionTimes() {
        TenantStatus first = new TenantStatusBuilder(tenant(null), NOW)
                .observed(everythingReady(), URL)
                .status();

        TenantStatusBuilder again = new TenantStatusBuilder(tenant(first), LATER).observed(everythingReady(), URL);

        assertThat(TenantStatusBuilder.changed(first, again.status())).isFalse();
        assertThat(again.transitions()).isEmpty();
        assertThat(again.status().getConditions())
                .allSatisfy(c -> assertThat(c.getLastTransitionTime()).isEqualTo("2026-12-01T12:00:00Z"));
    }

    @Test
    void aRefusedNameShowsOnlyTheRefusalAndNoNamespaceThatWasNeverCreated() {
        TenantStatus stale = new TenantStatus();
        stale.setNamespace("tenant-kube-system");
        stale.setUrl("https://kube-system.example.com");
        stale.setPlan("basic");
        stale.setConditions(new ArrayList<>());

        TenantStatusBuilder builder = new TenantStatusBuilder(tenant("kube-system", stale, false), NOW)
                .invalidName("this tenant name is reserved");

        TenantStatus status = builder.status();
        assertThat(status.getPhase()).isEqualTo(TenantPhase.Failed);
        assertThat(status.getNamespace()).isNull();
        assertThat(status.getUrl()).isNull();
        assertThat(status.getPlan()).isNull();
        assertThat(status.getDatabase()).isNull();
        assertThat(reasons(status)).containsExactlyEntriesOf(Map.of("Ready", "InvalidName"));
        assertThat(builder.transitions())
                .containsExactly(new Transition(
                        TenantConditionType.Ready,
                        false,
                        TenantConditionReason.InvalidName,
                        "this tenant name is reserved"));
    }

    @Test
    void aMissingPlanIsReportedOnPlanResolvedAndReadyAndClaimsNothingElse() {
        TenantStatus status =
                new TenantStatusBuilder(tenant(null), NOW).planNotFound().status();

        assertThat(status.getPhase()).isEqualTo(TenantPhase.Provisioning);
        assertThat(reasons(status))
                .containsExactlyInAnyOrderEntriesOf(Map.of("PlanResolved", "PlanNotFound", "Ready", "PlanNotFound"));
        assertThat(status.getNamespace()).isNull();
        assertThat(status.getUrl()).isNull();
    }

    @Test
    void anInvalidPlanKeepsWhatTheTenantAlreadyHas() {
        TenantStatus ready = new TenantStatusBuilder(tenant(null), NOW)
                .observed(everythingReady(), URL)
                .status();

        TenantStatus status = new TenantStatusBuilder(tenant(ready), LATER)
                .planInvalid("cpuRequest exceeds cpuLimit")
                .status();

        assertThat(condition(status, "PlanResolved").getReason()).isEqualTo("PlanInvalid");
        assertThat(condition(status, "PlanResolved").getMessage()).contains("cpuRequest exceeds cpuLimit");
        assertThat(condition(status, "Ready").getReason()).isEqualTo("PlanInvalid");
        assertThat(status.getPhase()).isEqualTo(TenantPhase.Ready);
        assertThat(status.getNamespace()).isEqualTo("tenant-acme");
    }

    @Test
    void aFailedObjectIsReportedOnThePartItBelongsTo() {
        Map<String, TenantConditionType> expected = new LinkedHashMap<>();
        expected.put(TenantObservation.QUOTA, TenantConditionType.NamespaceReady);
        expected.put(TenantObservation.DATABASE_SECRET, TenantConditionType.DatabaseReady);
        expected.put(TenantObservation.BRANDING, TenantConditionType.WorkloadReady);
        expected.put(TenantObservation.AUTOSCALER, TenantConditionType.WorkloadReady);
        expected.put(TenantObservation.SERVICE, TenantConditionType.RoutingReady);
        expected.forEach((dependent, part) -> {
            TenantStatus status = new TenantStatusBuilder(tenant(null), NOW)
                    .observed(everythingReady().withErrors(Map.of(dependent, forbidden())), URL)
                    .status();

            assertThat(condition(status, part.name()).getStatus()).as(dependent).isEqualTo("False");
            assertThat(condition(status, part.name()).getReason()).as(dependent).isEqualTo("WriteForbidden");
            assertThat(condition(status, part.name()).getMessage())
                    .as(dependent)
                    .contains(OwnedObjects.describe(dependent, tenant(null)));
            for (TenantConditionType other : List.of(
                    TenantConditionType.NamespaceReady,
                    TenantConditionType.DatabaseReady,
                    TenantConditionType.WorkloadReady,
                    TenantConditionType.RoutingReady)) {
                if (other != part) {
                    assertThat(condition(status, other.name()).getStatus())
                            .as("%s with %s failing", other, dependent)
                            .isEqualTo("True");
                }
            }
            assertThat(condition(status, "Ready").getReason()).as(dependent).isEqualTo("WriteForbidden");
            assertThat(condition(status, "Ready").getMessage())
                    .isEqualTo(condition(status, part.name()).getMessage());
            assertThat(status.getPhase()).isEqualTo(TenantPhase.Provisioning);
        });
    }

    @Test
    void severalFailuresOfOnePartNameTheFirstInWorkflowOrderAndListTheOthers() {
        TenantStatus status = new TenantStatusBuilder(tenant(null), NOW)
                .observed(
                        everythingReady()
                                .withErrors(Map.of(
                                        TenantObservation.LIMITS, forbidden(), TenantObservation.QUOTA, conflict())),
                        URL)
                .status();

        Condition namespace = condition(status, "NamespaceReady");
        assertThat(namespace.getReason()).isEqualTo("WriteConflict");
        assertThat(namespace.getMessage())
                .startsWith("ResourceQuota neoforge-quota in namespace tenant-acme")
                .contains("Also not applied: LimitRange neoforge-limits in namespace tenant-acme.");
    }

    @Test
    void readyNamesTheFirstPartThatIsNotReady() {
        TenantObservation seen = new TenantObservation(
                Optional.of(new Plan()),
                Optional.of(namespace()),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Map.of());

        TenantStatus status =
                new TenantStatusBuilder(tenant(null), NOW).observed(seen, URL).status();

        assertThat(reasons(status))
                .containsAllEntriesOf(Map.of(
                        "NamespaceReady",
                        "NamespaceReady",
                        "DatabaseReady",
                        "DatabasePending",
                        "WorkloadReady",
                        "DeploymentMissing",
                        "RoutingReady",
                        "IngressMissing",
                        "Ready",
                        "DatabasePending"));
        assertThat(status.getUrl()).as("no Ingress, no address").isNull();
        assertThat(status.getDatabase()).isNull();
        assertThat(status.getFirstReadyTime()).isNull();
    }

    @Test
    void withoutTheNamespaceTheStatusNamesNoNamespace() {
        TenantStatus ready = new TenantStatusBuilder(tenant(null), NOW)
                .observed(everythingReady(), URL)
                .status();
        TenantObservation gone = new TenantObservation(
                Optional.of(new Plan()),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of("digest"),
                Map.of());

        TenantStatusBuilder builder = new TenantStatusBuilder(tenant(ready), LATER).observed(gone, URL);

        assertThat(builder.status().getNamespace()).isNull();
        assertThat(builder.status().getUrl()).isNull();
        assertThat(condition(builder.status(), "NamespaceReady").getReason()).isEqualTo("NamespaceMissing");
        assertThat(condition(builder.status(), "NamespaceReady").getLastTransitionTime())
                .isEqualTo("2026-12-01T12:01:00Z");
        assertThat(builder.transitions())
                .extracting(Transition::type)
                .contains(TenantConditionType.NamespaceReady, TenantConditionType.Ready);
    }

    @Test
    void aSuspendedTenantIsSuspendedOnceItsAppIsScaledToZero() {
        Deployment drained = new DeploymentBuilder(deployment())
                .editSpec()
                .withReplicas(0)
                .endSpec()
                .editStatus()
                .withReplicas(0)
                .withAvailableReplicas(0)
                .endStatus()
                .build();
        TenantObservation seen = new TenantObservation(
                Optional.of(new Plan()),
                Optional.of(namespace()),
                Optional.of(drained),
                Optional.of(ingress()),
                Optional.of("digest"),
                Map.of());

        TenantStatus status = new TenantStatusBuilder(tenant("acme", null, true), NOW)
                .observed(seen, URL)
                .status();

        assertThat(status.getPhase()).isEqualTo(TenantPhase.Suspended);
        assertThat(reasons(status))
                .containsAllEntriesOf(Map.of(
                        "Suspended",
                        "SuspendedBySpec",
                        "WorkloadReady",
                        "ScaledToZero",
                        "DatabaseReady",
                        "LoginDisabled",
                        "Ready",
                        "Suspended"));
        assertThat(condition(status, "Ready").getMessage()).contains("set spec.suspended to false");
    }

    @Test
    void conditionsOfOtherWritersAreNeitherCopiedNorCompared() {
        TenantStatus ready = new TenantStatusBuilder(tenant(null), NOW)
                .observed(everythingReady(), URL)
                .status();
        ready.getConditions().add(foreign("BillingReady", "True"));

        TenantStatusBuilder again = new TenantStatusBuilder(tenant(ready), LATER).observed(everythingReady(), URL);

        assertThat(again.status().getConditions())
                .extracting(Condition::getType)
                .doesNotContain("BillingReady");
        assertThat(TenantStatusBuilder.changed(ready, again.status())).isFalse();
        TenantStatus otherChanged = new TenantStatusBuilder(tenant(ready), LATER)
                .observed(everythingReady(), URL)
                .status();
        ready.getConditions().set(ready.getConditions().size() - 1, foreign("BillingReady", "False"));
        assertThat(TenantStatusBuilder.changed(ready, otherChanged))
                .as("only another writer's condition changed")
                .isFalse();
    }

    @Test
    void deletionWaitsAreReportedOnReadyWithPhaseDeleting() {
        TenantStatus ready = new TenantStatusBuilder(tenant(null), NOW)
                .observed(everythingReady(), URL)
                .status();

        TenantStatus status = new TenantStatusBuilder(tenant(ready), LATER)
                .deleting(TenantConditionReason.DeletionProtected, "spec.deletionProtection is true")
                .status();

        assertThat(status.getPhase()).isEqualTo(TenantPhase.Deleting);
        assertThat(condition(status, "Ready").getReason()).isEqualTo("DeletionProtected");
    }

    @Test
    void everyDependentOfTheTenantWorkflowBelongsToAPart() {
        Workflow workflow = TenantReconciler.class.getAnnotation(Workflow.class);

        assertThat(Arrays.stream(workflow.dependents()).map(d -> d.name()).toList())
                .containsExactlyInAnyOrderElementsOf(TenantStatusBuilder.PART_OF.keySet());
        assertThat(TenantStatusBuilder.PART_OF.values())
                .doesNotContain(
                        TenantConditionType.Ready, TenantConditionType.PlanResolved, TenantConditionType.Suspended);
    }

    @Test
    void everyReasonTheBuilderSetsIsAllowedOnItsCondition() {
        List<TenantStatus> statuses = List.of(
                new TenantStatusBuilder(tenant(null), NOW)
                        .observed(everythingReady(), URL)
                        .status(),
                new TenantStatusBuilder(tenant(null), NOW).planNotFound().status(),
                new TenantStatusBuilder(tenant(null), NOW)
                        .namespaceTerminating()
                        .status(),
                new TenantStatusBuilder(tenant(null), NOW)
                        .observed(
                                new TenantObservation(
                                        Optional.of(new Plan()),
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.empty(),
                                        Map.of()),
                                URL)
                        .status(),
                new TenantStatusBuilder(tenant(null), NOW)
                        .observed(
                                everythingReady()
                                        .withErrors(Map.of(
                                                TenantObservation.DATABASE,
                                                new RuntimeException("boom"),
                                                TenantObservation.INGRESS,
                                                conflict())),
                                URL)
                        .status());
        for (TenantStatus status : statuses) {
            for (Condition condition : status.getConditions()) {
                assertThat(TenantConditionReason.valueOf(condition.getReason()).conditions())
                        .as("reason %s on %s", condition.getReason(), condition.getType())
                        .contains(TenantConditionType.valueOf(condition.getType()));
            }
        }
    }

    private static TenantObservation everythingReady() {
        return new TenantObservation(
                Optional.of(new Plan()),
                Optional.of(namespace()),
                Optional.of(deployment()),
                Optional.of(ingress()),
                Optional.of("digest"),
                Map.of());
    }

    private static Tenant tenant(TenantStatus status) {
        return tenant("acme", status, false);
    }

    private static Tenant tenant(String name, TenantStatus status, boolean suspended) {
        Tenant tenant = new Tenant();
        tenant.getMetadata().setName(name);
        tenant.getMetadata().setGeneration(3L);
        TenantSpec spec = new TenantSpec();
        spec.setPlan("basic");
        spec.setSuspended(suspended);
        tenant.setSpec(spec);
        tenant.setStatus(status);
        return tenant;
    }

    private static Namespace namespace() {
        return new NamespaceBuilder()
                .withNewMetadata()
                .withName("tenant-acme")
                .endMetadata()
                .withNewStatus()
                .withPhase("Active")
                .endStatus()
                .build();
    }

    private static Deployment deployment() {
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName("app")
                .withGeneration(2L)
                .endMetadata()
                .withNewSpec()
                .withReplicas(1)
                .endSpec()
                .withNewStatus()
                .withObservedGeneration(2L)
                .withReplicas(1)
                .withAvailableReplicas(1)
                .endStatus()
                .build();
    }

    private static Ingress ingress() {
        return new IngressBuilder()
                .withNewMetadata()
                .withName("app")
                .endMetadata()
                .withNewSpec()
                .addNewRule()
                .withHost("acme.example.com")
                .endRule()
                .endSpec()
                .build();
    }

    private static KubernetesClientException forbidden() {
        return new KubernetesClientException(
                "forbidden", 403, new StatusBuilder().withCode(403).build());
    }

    private static KubernetesClientException conflict() {
        return new KubernetesClientException(
                "conflict", 409, new StatusBuilder().withCode(409).build());
    }

    private static Condition foreign(String type, String status) {
        List<Condition> one = new ArrayList<>();
        StatusConditions.set(one, type, "True".equals(status), "SetElsewhere", "Owned by another controller.", 3L, NOW);
        return one.get(0);
    }

    private static Condition condition(TenantStatus status, String type) {
        return StatusConditions.find(status.getConditions(), type).orElseThrow(() -> new AssertionError("no " + type));
    }

    private static Map<String, String> reasons(TenantStatus status) {
        Map<String, String> reasons = new LinkedHashMap<>();
        status.getConditions().forEach(c -> reasons.put(c.getType(), c.getReason()));
        return reasons;
    }
}
