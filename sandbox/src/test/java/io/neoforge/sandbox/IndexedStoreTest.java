package io.neoforge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.AttributeSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IndexedStoreTest {

    private final KubernetesAttributesExtractor extractor = new KubernetesAttributesExtractor();
    private final IndexedStore store = new IndexedStore();
    /** The same content in a plain map, scanned the way the mock scans it. */
    private final Map<AttributeSet, String> plain = new LinkedHashMap<>();

    @BeforeEach
    void fill() {
        Random random = new Random(42);
        for (int i = 0; i < 40; i++) {
            String ns = "tenant-" + random.nextInt(8);
            put(new NamespaceBuilder()
                    .withNewMetadata()
                    .withName(ns)
                    .endMetadata()
                    .build());
            put(new ConfigMapBuilder()
                    .withNewMetadata()
                    .withName("cm-" + random.nextInt(5))
                    .withNamespace(ns)
                    .addToLabels("tier", random.nextBoolean() ? "gold" : "free")
                    .endMetadata()
                    .build());
            put(new SecretBuilder()
                    .withNewMetadata()
                    .withName("cm-" + random.nextInt(5))
                    .withNamespace(ns)
                    .endMetadata()
                    .build());
        }
    }

    private void put(HasMetadata resource) {
        AttributeSet key = extractor.extract(resource);
        String json = Serialization.asJson(resource);
        store.put(key, json);
        plain.put(key, json);
    }

    private List<String> scan(AttributeSet query) {
        List<String> found = new ArrayList<>();
        plain.forEach((k, v) -> {
            if (k.matches(query)) {
                found.add(v);
            }
        });
        return found;
    }

    private List<String> indexed(AttributeSet query) {
        return store.matching(query).stream().map(Map.Entry::getValue).toList();
    }

    @Test
    void findsWhatAScanFindsForEveryKindOfQuery() {
        List<String> paths = new ArrayList<>();
        for (int n = 0; n < 8; n++) {
            paths.add("/api/v1/namespaces/tenant-" + n);
            paths.add("/api/v1/namespaces/tenant-" + n + "/configmaps");
            paths.add("/api/v1/namespaces/tenant-" + n + "/configmaps?labelSelector=tier%3Dgold");
            for (int c = 0; c < 5; c++) {
                paths.add("/api/v1/namespaces/tenant-" + n + "/configmaps/cm-" + c);
                paths.add("/api/v1/namespaces/tenant-" + n + "/secrets/cm-" + c);
            }
        }
        paths.addAll(List.of(
                "/api/v1/namespaces",
                "/api/v1/configmaps",
                "/api/v1/secrets",
                "/api/v1/configmaps?labelSelector=tier%21%3Dgold",
                "/api/v1/namespaces/absent/configmaps/cm-1",
                "/api/v1/namespaces/nope"));
        for (String path : paths) {
            AttributeSet query = extractor.fromPath(path);
            assertThat(indexed(query)).as(path).containsExactlyInAnyOrderElementsOf(scan(query));
            Map.Entry<AttributeSet, String> first = store.first(query);
            assertThat(first == null ? null : first.getValue())
                    .as(path)
                    .isEqualTo(scan(query).isEmpty() ? null : indexed(query).get(0));
        }
    }

    @Test
    void listsComeInNamespaceAndNameOrderLikeEtcdKeys() {
        List<String> names = store.matching(extractor.fromPath("/api/v1/configmaps")).stream()
                .map(e -> Serialization.unmarshal(e.getValue(), HasMetadata.class))
                .map(h -> h.getMetadata().getNamespace() + "/" + h.getMetadata().getName())
                .toList();
        assertThat(names).isSorted().isNotEmpty();
    }

    @Test
    void removalAndReplacementKeepTheIndexTrue() {
        AttributeSet ns = extractor.fromPath("/api/v1/namespaces/tenant-3/configmaps");
        List<Map.Entry<AttributeSet, String>> before = store.matching(ns);
        assertThat(before).isNotEmpty();
        Map.Entry<AttributeSet, String> victim = before.get(0);
        assertThat(store.remove(victim.getKey())).isEqualTo(victim.getValue());
        plain.remove(victim.getKey());
        assertThat(store.matching(ns)).hasSize(before.size() - 1);
        assertThat(indexed(ns)).containsExactlyInAnyOrderElementsOf(scan(ns));

        store.put(victim.getKey(), "{\"replaced\":true}");
        assertThat(store.first(victim.getKey()).getValue()).isEqualTo("{\"replaced\":true}");
        assertThat(store.matching(ns)).hasSize(before.size());

        store.clear();
        assertThat(store.matching(ns)).isEmpty();
        assertThat(store).isEmpty();
    }

    @Test
    void viewsAreReadOnlySoTheIndexCannotBeBypassed() {
        AttributeSet any = store.keySet().iterator().next();
        assertThatThrownBy(() -> store.keySet().remove(any)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> store.entrySet().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
