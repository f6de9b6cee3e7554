package io.neoforge.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Renders a directory of manifests/ the way an admin applies it: {@code kubectl kustomize}. */
final class Kustomize {
    /** Override with -Dneoforge.kubectl=/path/to/kubectl. */
    private static final String KUBECTL = System.getProperty("neoforge.kubectl", "/usr/bin/kubectl");

    private static final long TIMEOUT_SECONDS = 60;
    private static final YAMLMapper YAML = new YAMLMapper();

    /** Every kustomization an admin may apply. */
    static final List<String> INSTALLABLE =
            List.of("manifests/base", "manifests/overlays/monitoring", "manifests/overlays/sample-plans");

    private Kustomize() {}

    static List<JsonNode> render(String directory) throws IOException, InterruptedException {
        Path kubectl = Path.of(KUBECTL);
        if (!Files.isExecutable(kubectl)) {
            fail(
                    "kubectl not found at " + KUBECTL + ": the tests render manifests/ with `kubectl kustomize`. "
                            + "Install kubectl (https://kubernetes.io/docs/tasks/tools/) or point -Dneoforge.kubectl=/path/to/kubectl at one.");
        }
        Process process = new ProcessBuilder(KUBECTL, "kustomize", directory)
                .directory(RepoPaths.repoRoot().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("kubectl kustomize " + directory + " did not finish within " + TIMEOUT_SECONDS + " s");
        }
        if (process.exitValue() != 0) {
            fail("kubectl kustomize " + directory + " failed (exit " + process.exitValue() + "): " + stderr.join());
        }
        List<JsonNode> objects = new ArrayList<>();
        for (JsonNode node : YAML.readerFor(JsonNode.class)
                .<JsonNode>readValues(stdout.join())
                .readAll()) {
            if (node != null && !node.isEmpty()) {
                objects.add(node);
            }
        }
        assertThat(objects).as("objects rendered from %s", directory).isNotEmpty();
        return objects;
    }

    static List<JsonNode> ofKind(List<JsonNode> objects, String kind) {
        return objects.stream()
                .filter(o -> kind.equals(o.path("kind").asText()))
                .toList();
    }

    static List<String> names(List<JsonNode> objects, String kind) {
        return ofKind(objects, kind).stream()
                .map(o -> o.at("/metadata/name").asText())
                .toList();
    }

    static Optional<JsonNode> find(List<JsonNode> objects, String kind, String name) {
        return ofKind(objects, kind).stream()
                .filter(o -> name.equals(o.at("/metadata/name").asText()))
                .findFirst();
    }

    private static String read(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(could not read: " + e.getMessage() + ")";
        }
    }
}
