package io.neoforge.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * manifests/crds is applied two ways: {@code kubectl apply --server-side -f manifests/crds/} and, through
 * manifests/base, by kustomize. Both must see exactly the committed CRDs.
 */
class CrdDirectoryTest {
    private static final YAMLMapper YAML = new YAMLMapper();
    /** The extensions {@code kubectl apply -f DIR} reads; it skips every other file. */
    private static final List<String> READ_BY_KUBECTL_APPLY = List.of(".json", ".yaml", ".yml");

    @Test
    void everyFileKubectlApplyReadsHoldsOnlyCustomResourceDefinitions() throws IOException {
        List<Path> files = filesReadByKubectlApply();
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            for (JsonNode document : YAML.readerFor(JsonNode.class)
                    .<JsonNode>readValues(file.toFile())
                    .readAll()) {
                if (document == null || document.isEmpty()) {
                    continue;
                }
                assertThat(document.path("apiVersion").asText() + " "
                                + document.path("kind").asText())
                        .as(
                                "object in %s (kubectl apply -f manifests/crds/ reads this file: kustomize's own file "
                                        + "must be named Kustomization, without an extension)",
                                file.getFileName())
                        .isEqualTo("apiextensions.k8s.io/v1 CustomResourceDefinition");
            }
        }
    }

    @Test
    void kustomizationListsExactlyTheFilesKubectlApplyReads() throws IOException {
        Path crds = RepoPaths.repoRoot().resolve("manifests/crds");
        JsonNode kustomization = YAML.readTree(crds.resolve("Kustomization").toFile());
        List<String> resources = new ArrayList<>();
        kustomization.path("resources").forEach(resource -> resources.add(resource.asText()));
        List<String> files = filesReadByKubectlApply().stream()
                .map(file -> file.getFileName().toString())
                .toList();
        assertThat(resources)
                .as("resources of manifests/crds/Kustomization")
                .containsExactlyInAnyOrderElementsOf(files);
    }

    private static List<Path> filesReadByKubectlApply() throws IOException {
        try (Stream<Path> files = Files.list(RepoPaths.repoRoot().resolve("manifests/crds"))) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> READ_BY_KUBECTL_APPLY.stream()
                            .anyMatch(file.getFileName().toString()::endsWith))
                    .sorted()
                    .toList();
        }
    }
}
