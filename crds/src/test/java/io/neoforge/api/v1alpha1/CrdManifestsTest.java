package io.neoforge.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.neoforge.api.v1alpha1.plan.Plan;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The committed CRDs in {@code manifests/crds/} are exactly what the CRD generator makes of the model, with
 * the printer columns in the order the annotations declare them (the generator sorts them by JSON path,
 * which would put Age first), and {@code status.conditions} completed as metav1.Condition (see
 * {@link #asConditionList}). Run with {@code -Dneoforge.crds.update=true} to rewrite the committed files.
 */
class CrdManifestsTest {
    static final String UPDATE_PROPERTY = "neoforge.crds.update";
    static final String REGENERATE_COMMAND = "mvn -pl crds test -Dneoforge.crds.update=true";
    static final String HEADER = "# Generated from crds/ by CrdManifestsTest; do not edit.\n" + "# Regenerate with: "
            + REGENERATE_COMMAND + "\n";

    private static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .disable(YAMLGenerator.Feature.SPLIT_LINES)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                    .build())
            .build();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

    /** The only schema properties allowed without a description: Kubernetes' own, documented upstream. */
    private static final List<String> UNDESCRIBED_BY_DESIGN = List.of("metadata", "apiVersion", "kind");

    @ParameterizedTest
    @ValueSource(classes = {Tenant.class, Plan.class})
    void committedCrdMatchesTheModel(Class<? extends CustomResource<?, ?>> kind) throws IOException {
        Map<String, Object> expected = expectedCrd(kind);
        Path committed = committedCrdFile(kind);
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            String yaml = HEADER + YAML.writeValueAsString(expected);
            Files.createDirectories(committed.getParent());
            Files.writeString(committed, yaml, StandardCharsets.UTF_8);
            assertThat(YAML.readValue(yaml, MAP))
                    .as("written YAML reads back as the generated CRD")
                    .isEqualTo(expected);
            return;
        }
        String relative = RepoPaths.repoRoot().relativize(committed).toString();
        if (!Files.exists(committed)) {
            fail(relative + " is missing. Generate it from the model with: " + REGENERATE_COMMAND);
        }
        Map<String, Object> actual = YAML.readValue(committed.toFile(), MAP);
        if (!actual.equals(expected)) {
            List<String> differences = new ArrayList<>();
            collectDifferences("", expected, actual, differences);
            fail(relative + " is out of date with the model in crds/ (or was edited by hand). Regenerate it with: "
                    + REGENERATE_COMMAND
                    + " — then review and commit the change. Differences (generated vs committed):\n  "
                    + String.join("\n  ", differences.subList(0, Math.min(20, differences.size()))));
        }
        assertThat(Files.readString(committed))
                .as("%s starts with the generated-file header", relative)
                .startsWith(HEADER);
    }

    @ParameterizedTest
    @ValueSource(classes = {Tenant.class, Plan.class})
    void printerColumnsFollowTheDeclaredOrder(Class<? extends CustomResource<?, ?>> kind) throws IOException {
        List<String> declared = Arrays.stream(kind.getAnnotationsByType(AdditionalPrinterColumn.class))
                .map(AdditionalPrinterColumn::name)
                .toList();
        for (Map<String, Object> version : versions(expectedCrd(kind))) {
            List<String> names = maps(version.get("additionalPrinterColumns")).stream()
                    .map(column -> (String) column.get("name"))
                    .toList();
            assertThat(names).containsExactlyElementsOf(declared);
        }
        assertThat(declared).as("columns of %s", kind.getSimpleName()).contains("Age");
        assertThat(declared.get(0))
                .as("first column of %s", kind.getSimpleName())
                .isNotEqualTo("Age");
    }

    @ParameterizedTest
    @ValueSource(classes = {Tenant.class, Plan.class})
    void everySchemaPropertyHasADescription(Class<? extends CustomResource<?, ?>> kind) throws IOException {
        List<String> undescribed = new ArrayList<>();
        for (Map<String, Object> version : versions(expectedCrd(kind))) {
            Map<String, Object> root = map(map(version.get("schema")).get("openAPIV3Schema"));
            map(root.get("properties")).forEach((name, schema) -> {
                if (!UNDESCRIBED_BY_DESIGN.contains(name)) {
                    collectUndescribed("." + name, map(schema), undescribed);
                }
            });
        }
        assertThat(undescribed)
                .as(
                        "schema properties of %s without a description (add @JsonPropertyDescription so kubectl explain helps)",
                        kind.getSimpleName())
                .isEmpty();
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest
    @ValueSource(classes = {Tenant.class, Plan.class})
    void crdHasStatusSubresourceShortNamesCategoryAndClusterScope(Class<? extends CustomResource<?, ?>> kind)
            throws IOException {
        Map<String, Object> crd = expectedCrd(kind);
        Map<String, Object> spec = map(crd.get("spec"));
        Map<String, Object> names = map(spec.get("names"));

        assertThat(spec.get("scope")).isEqualTo("Cluster");
        assertThat(spec.get("group")).isEqualTo("neoforge.io");
        assertThat(names.get("kind")).isEqualTo(kind.getSimpleName());
        assertThat(names.get("plural")).isEqualTo(HasMetadata.getPlural(kind));
        assertThat((List<Object>) names.get("shortNames")).containsExactly(expectedShortName(kind));
        assertThat((List<Object>) names.get("categories")).contains("neoforge");
        List<Map<String, Object>> versions = versions(crd);
        assertThat(versions).extracting(v -> v.get("name")).containsExactly("v1alpha1");
        for (Map<String, Object> version : versions) {
            assertThat(version.get("served")).isEqualTo(true);
            assertThat(version.get("storage")).isEqualTo(true);
            assertThat(map(version.get("subresources")))
                    .as("status subresource")
                    .containsKey("status");
        }
    }

    private static String expectedShortName(Class<?> kind) {
        return kind == Tenant.class ? "tn" : "nfplan";
    }

    private static void collectUndescribed(String path, Map<String, Object> schema, List<String> undescribed) {
        Object description = schema.get("description");
        if (description == null || description.toString().isBlank()) {
            undescribed.add(path);
        }
        if (schema.get("properties") instanceof Map<?, ?> properties) {
            properties.forEach((name, child) -> collectUndescribed(path + "." + name, map(child), undescribed));
        }
        if (schema.get("items") instanceof Map<?, ?> items && items.get("properties") instanceof Map<?, ?> properties) {
            properties.forEach((name, child) -> collectUndescribed(path + "[]." + name, map(child), undescribed));
        }
        if (schema.get("additionalProperties") instanceof Map<?, ?> values
                && values.get("properties") instanceof Map<?, ?> properties) {
            properties.forEach((name, child) -> collectUndescribed(path + "{}." + name, map(child), undescribed));
        }
    }

    private static void collectDifferences(String path, Object expected, Object actual, List<String> differences) {
        if (expected instanceof Map<?, ?> e && actual instanceof Map<?, ?> a) {
            e.keySet().stream()
                    .filter(k -> !a.containsKey(k))
                    .forEach(k -> differences.add(path + "." + k + ": missing"));
            a.keySet().stream()
                    .filter(k -> !e.containsKey(k))
                    .forEach(k -> differences.add(path + "." + k + ": not generated"));
            e.keySet().stream()
                    .filter(a::containsKey)
                    .forEach(k -> collectDifferences(path + "." + k, e.get(k), a.get(k), differences));
        } else if (expected instanceof List<?> e && actual instanceof List<?> a && e.size() == a.size()) {
            for (int i = 0; i < e.size(); i++) {
                collectDifferences(path + "[" + i + "]", e.get(i), a.get(i), differences);
            }
        } else if (!Objects.equals(expected, actual)) {
            differences.add(path + ": " + expected + " != " + actual);
        }
    }

    /** The generated CRD of a kind with its printer columns in declaration order. */
    static Map<String, Object> expectedCrd(Class<? extends CustomResource<?, ?>> kind) throws IOException {
        Path generated = RepoPaths.generatedCrds().resolve(CustomResource.getCRDName(kind) + "-v1.yml");
        if (!Files.exists(generated)) {
            fail(generated + " is missing: the crd-generator-maven-plugin writes it in the process-classes phase; "
                    + "run the tests through Maven (mvn -pl crds test)");
        }
        Map<String, Object> crd = YAML.readValue(generated.toFile(), MAP);
        List<AdditionalPrinterColumn> declared =
                Arrays.asList(kind.getAnnotationsByType(AdditionalPrinterColumn.class));
        for (Map<String, Object> version : versions(crd)) {
            List<Map<String, Object>> columns = maps(version.get("additionalPrinterColumns"));
            List<Map<String, Object>> ordered = new ArrayList<>();
            for (AdditionalPrinterColumn column : declared) {
                Map<String, Object> match = columns.stream()
                        .filter(c -> Objects.equals(c.get("name"), column.name())
                                && Objects.equals(c.get("jsonPath"), column.jsonPath()))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("printer column " + column.name() + " declared on "
                                + kind.getSimpleName() + " is missing from " + generated));
                ordered.add(match);
            }
            assertThat(ordered)
                    .as("printer columns of %s: generated vs declared", kind.getSimpleName())
                    .hasSameSizeAs(columns);
            version.put("additionalPrinterColumns", ordered);
            Map<String, Object> status = map(
                    map(map(map(version.get("schema")).get("openAPIV3Schema")).get("properties"))
                            .get("status"));
            asConditionList(kind, map(map(status.get("properties")).get("conditions")));
        }
        return crd;
    }

    /**
     * What the CRD generator cannot emit for {@code status.conditions} (its items come from ConditionSchema through
     * {@code @SchemaFrom}): the list is a map keyed by {@code type}, as metav1.Condition lists are, so that server-side
     * apply merges conditions one by one and several field managers can each own theirs; and
     * {@code lastTransitionTime} is a date-time.
     */
    @SuppressWarnings("unchecked")
    private static void asConditionList(Class<?> kind, Map<String, Object> conditions) {
        Map<String, Object> items = map(conditions.get("items"));
        assertThat((List<Object>) items.get("required"))
                .as("%s status.conditions items come from ConditionSchema (@SchemaFrom)", kind.getSimpleName())
                .contains("type", "status", "lastTransitionTime", "reason", "message");
        conditions.put("x-kubernetes-list-type", "map");
        conditions.put("x-kubernetes-list-map-keys", List.of("type"));
        ((Map<String, Object>) map(items.get("properties")).get("lastTransitionTime")).put("format", "date-time");
    }

    static Path committedCrdFile(Class<? extends CustomResource<?, ?>> kind) {
        return RepoPaths.repoRoot().resolve("manifests/crds").resolve(CustomResource.getCRDName(kind) + ".yaml");
    }

    private static List<Map<String, Object>> versions(Map<String, Object> crd) {
        return maps(map(crd.get("spec")).get("versions"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object value) {
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }
}
