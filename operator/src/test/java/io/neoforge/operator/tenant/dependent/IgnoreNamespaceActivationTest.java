package io.neoforge.operator.tenant.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import org.junit.jupiter.api.Test;

class IgnoreNamespaceActivationTest {

    private final IgnoreNamespaceActivation filter = new IgnoreNamespaceActivation();

    private static Namespace created() {
        return new NamespaceBuilder()
                .withNewMetadata()
                .withName("tenant-acme")
                .addToLabels("neoforge.io/tenant", "acme")
                .withResourceVersion("1")
                .endMetadata()
                .withNewSpec()
                .addToFinalizers("kubernetes")
                .endSpec()
                .build();
    }

    private static Namespace withPhase(Namespace ns, String phase) {
        return new NamespaceBuilder(ns)
                .editMetadata()
                .withResourceVersion("2")
                .endMetadata()
                .withNewStatus()
                .withPhase(phase)
                .endStatus()
                .build();
    }

    @Test
    void theNamespaceControllerMarkingANewNamespaceActiveIsNotAnEvent() {
        assertThat(filter.accept(withPhase(created(), "Active"), created())).isFalse();
    }

    @Test
    void terminationLabelChangesAndLaterPhaseChangesStillAre() {
        Namespace active = withPhase(created(), "Active");
        Namespace terminating = new NamespaceBuilder(active)
                .editMetadata()
                .withDeletionTimestamp("2026-11-25T22:00:00Z")
                .endMetadata()
                .editStatus()
                .withPhase("Terminating")
                .endStatus()
                .build();
        assertThat(filter.accept(terminating, active)).isTrue();

        Namespace relabelled = new NamespaceBuilder(withPhase(created(), "Active"))
                .editMetadata()
                .addToLabels("neoforge.io/tenant", "other")
                .endMetadata()
                .build();
        assertThat(filter.accept(relabelled, created())).isTrue();

        Namespace deletedBeforeActive = new NamespaceBuilder(withPhase(created(), "Active"))
                .editMetadata()
                .withDeletionTimestamp("2026-11-25T22:00:00Z")
                .endMetadata()
                .build();
        assertThat(filter.accept(deletedBeforeActive, created())).isTrue();
    }
}
