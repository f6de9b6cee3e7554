package io.neoforge.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.neoforge.api.v1alpha1.plan.ContainerDefaults;
import io.neoforge.api.v1alpha1.plan.DatabaseEntitlement;
import io.neoforge.api.v1alpha1.plan.Plan;
import io.neoforge.api.v1alpha1.plan.PlanQuota;
import io.neoforge.api.v1alpha1.plan.PlanSpec;
import io.neoforge.api.v1alpha1.plan.PlanStatus;
import io.neoforge.api.v1alpha1.plan.ReplicaRange;
import io.neoforge.api.v1alpha1.plan.StripePrices;
import io.neoforge.api.v1alpha1.tenant.Branding;
import io.neoforge.api.v1alpha1.tenant.EnvironmentVariable;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.api.v1alpha1.tenant.TenantAdmin;
import io.neoforge.api.v1alpha1.tenant.TenantDatabaseStatus;
import io.neoforge.api.v1alpha1.tenant.TenantPhase;
import io.neoforge.api.v1alpha1.tenant.TenantSpec;
import io.neoforge.api.v1alpha1.tenant.TenantStatus;
import io.neoforge.api.v1alpha1.tenant.WorkloadSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the model sends to the API server. With server-side apply every field in a request is claimed by the
 * writer's field manager, so a value the model invents (an initialiser, an empty list) overwrites what a person set:
 * JOSDK's finalizer apply and its status patches are built from a fresh resource, and must carry only what they mean.
 * Defaults belong to the CRD schema, which the API server applies.
 */
class ModelSerializationTest {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final ObjectMapper CANONICAL =
            new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    @Test
    void aFreshTenantCarriesNoSpecAndNoStatus() {
        JsonNode json = json(new Tenant());

        assertThat(fieldNames(json)).containsExactlyInAnyOrder("apiVersion", "kind", "metadata");
    }

    @Test
    void theFinalizerApplyCarriesOnlyTheNameAndTheFinalizer() {
        // What JOSDK's addFinalizerWithSSA builds: a new instance with a fresh metadata, name and finalizer.
        Tenant finalizerOnly = new Tenant();
        ObjectMeta metadata = new ObjectMeta();
        metadata.setName("acme");
        finalizerOnly.setMetadata(metadata);
        finalizerOnly.addFinalizer("tenants.neoforge.io/finalizer");

        assertThat(SERIALIZATION.asJson(finalizerOnly))
                .isEqualTo(
                        "{\"apiVersion\":\"neoforge.io/v1alpha1\","
                                + "\"kind\":\"Tenant\",\"metadata\":{\"finalizers\":[\"tenants.neoforge.io/finalizer\"],\"name\":\"acme\"}}");
    }

    @Test
    void aStatusPatchCarriesOnlyMetadataAndStatus() {
        Tenant statusOnly = new Tenant();
        statusOnly.getMetadata().setName("acme");
        TenantStatus status = new TenantStatus();
        status.setPhase(TenantPhase.Ready);
        statusOnly.setStatus(status);

        JsonNode json = json(statusOnly);

        assertThat(fieldNames(json)).containsExactlyInAnyOrder("apiVersion", "kind", "metadata", "status");
        assertThat(json.get("status").toString()).isEqualTo("{\"phase\":\"Ready\"}");
    }

    @Test
    void aStatusWithConditionsCarriesExactlyThoseConditions() {
        TenantStatus status = new TenantStatus();
        status.setConditions(List.of(new ConditionBuilder()
                .withType("Ready")
                .withStatus("True")
                .withReason("Provisioned")
                .build()));

        JsonNode json = SERIALIZATION.convertValue(status, JsonNode.class);

        assertThat(fieldNames(json)).containsExactly("conditions");
        assertThat(json.get("conditions")).hasSize(1);
    }

    @Test
    void aFreshPlanCarriesNoSpecAndNoStatus() {
        JsonNode json = json(new Plan());

        assertThat(fieldNames(json)).containsExactlyInAnyOrder("apiVersion", "kind", "metadata");
    }

    @ParameterizedTest
    @ValueSource(
            classes = {
                TenantSpec.class,
                WorkloadSpec.class,
                Branding.class,
                TenantAdmin.class,
                EnvironmentVariable.class,
                TenantStatus.class,
                TenantDatabaseStatus.class,
                PlanSpec.class,
                ReplicaRange.class,
                PlanQuota.class,
                ContainerDefaults.class,
                DatabaseEntitlement.class,
                StripePrices.class,
                PlanStatus.class
            })
    void aFreshPartOfTheModelSerialisesToNothing(Class<?> part) throws ReflectiveOperationException {
        Object fresh = part.getConstructor().newInstance();

        assertThat(SERIALIZATION.asJson(fresh))
                .as("%s with nothing set", part.getSimpleName())
                .isEqualTo("{}");
    }

    static Stream<Path> fullySpecifiedExamples() throws IOException {
        return Stream.of("docs/examples", "manifests/samples")
                .map(directory -> RepoPaths.repoRoot().resolve(directory))
                .flatMap(ModelSerializationTest::yamlFiles);
    }

    @ParameterizedTest
    @MethodSource("fullySpecifiedExamples")
    void anExampleRoundTripsThroughTheModelUnchanged(Path file) throws IOException {
        for (JsonNode document : YAML.readerFor(JsonNode.class)
                .<JsonNode>readValues(file.toFile())
                .readAll()) {
            Class<?> kind = "Plan".equals(document.path("kind").asText()) ? Plan.class : Tenant.class;
            Object model = SERIALIZATION.unmarshal(document.toString(), kind);

            assertThat(canonical(SERIALIZATION.asJson(model)))
                    .as(
                            "%s %s -> model -> JSON",
                            file.getFileName(),
                            document.path("metadata").path("name").asText())
                    .isEqualTo(canonical(document.toString()));
        }
    }

    @Test
    void theAcmeExampleIsAmongTheRoundTrippedOnes() throws IOException {
        assertThat(fullySpecifiedExamples()).anySatisfy(file -> assertThat(file).hasFileName("tenant-acme.yaml"));
    }

    private static Stream<Path> yamlFiles(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files
                    .filter(f -> f.getFileName().toString().endsWith(".yaml"))
                    .filter(f -> !f.getFileName().toString().startsWith("kustomization"))
                    .sorted()
                    .toList()
                    .stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode json(Object resource) {
        return SERIALIZATION.unmarshal(SERIALIZATION.asJson(resource), JsonNode.class);
    }

    private static List<String> fieldNames(JsonNode node) {
        return iterable(node.fieldNames());
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }

    /** The JSON with object keys sorted, so that only content, not the model's field order, is compared. */
    private static String canonical(String json) throws IOException {
        return CANONICAL.writeValueAsString(CANONICAL.readValue(json, Map.class));
    }
}
