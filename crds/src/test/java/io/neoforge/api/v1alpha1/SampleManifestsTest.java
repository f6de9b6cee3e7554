package io.neoforge.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.neoforge.api.v1alpha1.plan.Plan;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.api.v1alpha1.tenant.TenantNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every sample and example a user might copy parses into the model with unknown properties refused, so a
 * typo or a renamed field breaks the build instead of the user's first {@code kubectl apply}.
 */
class SampleManifestsTest {
    private static final List<String> SAMPLE_DIRECTORIES = List.of("manifests/samples", "docs/examples");
    /** kustomize's own files live beside the samples; they are not resources. */
    private static final Set<String> NOT_RESOURCES = Set.of("kustomization.yaml", "kustomization.yml");

    private static final KubernetesSerialization STRICT = strictSerialization();
    private static final YAMLMapper YAML = new YAMLMapper();

    record Document(Path file, int index, JsonNode node) {
        String where() {
            return RepoPaths.repoRoot().relativize(file) + " (document " + (index + 1) + ")";
        }
    }

    @Test
    void everySampleParsesIntoTheModelWithUnknownPropertiesRefused() {
        List<Document> documents = sampleDocuments();
        assertThat(documents).as("documents under %s", SAMPLE_DIRECTORIES).isNotEmpty();
        for (Document document : documents) {
            HasMetadata resource = parse(document);
            assertThat(resource.getMetadata().getName())
                    .as("metadata.name of %s", document.where())
                    .isNotBlank();
            assertThat(resource.getMetadata().getNamespace())
                    .as("%s: Plan and Tenant are cluster-scoped, so no namespace", document.where())
                    .isNull();
        }
    }

    @Test
    void sampleTenantsHaveValidNamesAndUseASamplePlan() {
        Set<String> planNames =
                parsed(Plan.class).stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
        List<Tenant> tenants = parsed(Tenant.class);
        assertThat(tenants).extracting(t -> t.getMetadata().getName()).contains("acme", "globex");
        for (Tenant tenant : tenants) {
            String name = tenant.getMetadata().getName();
            assertThat(TenantNames.problem(name)).as("tenant name %s", name).isEmpty();
            assertThat(planNames)
                    .as("plan of tenant %s", name)
                    .contains(tenant.getSpec().getPlan());
        }
    }

    @Test
    void samplePlansAreStarterProAndEnterpriseWithSensibleRanges() {
        List<Plan> plans = parsed(Plan.class);
        assertThat(plans).extracting(p -> p.getMetadata().getName()).containsExactly("starter", "pro", "enterprise");
        for (Plan plan : plans) {
            assertThat(plan.getSpec().getReplicas().getMin())
                    .as(plan.getMetadata().getName())
                    .isLessThanOrEqualTo(plan.getSpec().getReplicas().getMax());
            assertThat(plan.getSpec().getDisplayName()).isNotBlank();
        }
        assertThat(plans.get(0).getSpec().getStripe())
                .as("starter is not billed")
                .isNull();
        assertThat(plans.subList(1, 3))
                .allSatisfy(
                        p -> assertThat(p.getSpec().getStripe().getPriceId()).startsWith("price_"));
    }

    @Test
    void aTypoInASampleIsRefused() {
        String typo = """
                apiVersion: neoforge.io/v1alpha1
                kind: Tenant
                metadata:
                  name: acme
                spec:
                  plann: starter
                """;
        assertThatThrownBy(() -> STRICT.unmarshal(typo, Tenant.class)).hasMessageContaining("plann");
        String badEnum = typo.replace("plann: starter", "plan: starter\n  deletionPolicy: Drop");
        assertThatThrownBy(() -> STRICT.unmarshal(badEnum, Tenant.class)).hasMessageContaining("Drop");
        String nestedTypo = typo.replace("plann: starter", "plan: starter\n  branding:\n    primaryColour: '#ffffff'");
        assertThatThrownBy(() -> STRICT.unmarshal(nestedTypo, Tenant.class)).hasMessageContaining("primaryColour");
        String topLevelTypo = typo.replace("spec:\n  plann: starter", "spec:\n  plan: starter\nstatuss: {}");
        assertThatThrownBy(() -> STRICT.unmarshal(topLevelTypo, Tenant.class)).hasMessageContaining("statuss");
    }

    private static HasMetadata parse(Document document) {
        String kind = document.node().path("kind").asText();
        String apiVersion = document.node().path("apiVersion").asText();
        assertThat(apiVersion).as("apiVersion of %s", document.where()).isEqualTo("neoforge.io/v1alpha1");
        Class<? extends HasMetadata> type = switch (kind) {
            case "Plan" -> Plan.class;
            case "Tenant" -> Tenant.class;
            default ->
                throw new AssertionError(
                        document.where() + ": unexpected kind '" + kind + "'; samples hold only Plans and Tenants");
        };
        try {
            return STRICT.unmarshal(YAML.writeValueAsString(document.node()), type);
        } catch (RuntimeException | IOException e) {
            throw new AssertionError(
                    document.where() + " does not parse into " + type.getSimpleName()
                            + " (a typo or a field the model does not have?): " + e.getMessage(),
                    e);
        }
    }

    private static <T extends HasMetadata> List<T> parsed(Class<T> type) {
        return sampleDocuments().stream()
                .map(SampleManifestsTest::parse)
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    private static List<Document> sampleDocuments() {
        List<Document> documents = new ArrayList<>();
        for (String directory : SAMPLE_DIRECTORIES) {
            Path root = RepoPaths.repoRoot().resolve(directory);
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    String name = file.getFileName().toString();
                    if ((name.endsWith(".yaml") || name.endsWith(".yml")) && !NOT_RESOURCES.contains(name)) {
                        List<JsonNode> nodes = YAML.readerFor(JsonNode.class)
                                .<JsonNode>readValues(file.toFile())
                                .readAll();
                        for (int i = 0; i < nodes.size(); i++) {
                            if (nodes.get(i) != null
                                    && !nodes.get(i).isNull()
                                    && !nodes.get(i).isEmpty()) {
                                documents.add(new Document(file, i, nodes.get(i)));
                            }
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + root, e);
            }
        }
        return documents;
    }

    private static KubernetesSerialization strictSerialization() {
        ObjectMapper mapper = new ObjectMapper();
        KubernetesSerialization serialization = new KubernetesSerialization(mapper, false);
        // KubernetesSerialization tolerates unknown fields by default; samples must not.
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return serialization;
    }
}
