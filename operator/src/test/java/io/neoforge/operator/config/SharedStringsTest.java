package io.neoforge.operator.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.neoforge.operator.testing.OperatorTest;
import io.neoforge.testsupport.ClusterCleanup;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SharedStringsTest extends OperatorTest {

    @Test
    void objectsReadByTheOperatorsClientShareEqualShortStringsButNotLongOnes() {
        String ns = "shared-strings";
        // labelled as a test's own namespace, so that the clean-up after the test removes it
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(ns)
                        .addToLabels(ClusterCleanup.TEST_LABEL, "true")
                        .endMetadata()
                        .build())
                .createOr(existing -> existing.update());
        String longValue = "x".repeat(SharedStrings.MAX_SHARED_LENGTH + 1);
        for (String name : new String[] {"first", "second"}) {
            client.configMaps()
                    .inNamespace(ns)
                    .resource(new ConfigMapBuilder()
                            .withNewMetadata()
                            .withName(name)
                            .withNamespace(ns)
                            .withLabels(Map.of("app.kubernetes.io/managed-by", "neoforge"))
                            .endMetadata()
                            .withData(Map.of("long", longValue))
                            .build())
                    .createOr(existing -> existing.update());
        }

        ConfigMap first = client.configMaps().inNamespace(ns).withName("first").get();
        ConfigMap second =
                client.configMaps().inNamespace(ns).withName("second").get();

        assertThat(second.getMetadata().getNamespace())
                .isSameAs(first.getMetadata().getNamespace());
        assertThat(second.getMetadata().getLabels().get("app.kubernetes.io/managed-by"))
                .isSameAs(first.getMetadata().getLabels().get("app.kubernetes.io/managed-by"));
        assertThat(second.getApiVersion()).isSameAs(first.getApiVersion());
        assertThat(second.getData().get("long"))
                .isEqualTo(first.getData().get("long"))
                .isNotSameAs(first.getData().get("long"));
    }
}
