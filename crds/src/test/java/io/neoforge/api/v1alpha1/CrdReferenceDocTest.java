package io.neoforge.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.fabric8.kubernetes.client.CustomResource;
import io.neoforge.api.v1alpha1.plan.Plan;
import io.neoforge.api.v1alpha1.plan.PlanConditionReason;
import io.neoforge.api.v1alpha1.plan.PlanConditionType;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.api.v1alpha1.tenant.TenantConditionReason;
import io.neoforge.api.v1alpha1.tenant.TenantConditionType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/crd-reference.md is rendered from the generated CRDs, so it lists every field with its real type,
 * default and validation. Regenerated together with the CRDs by {@code -Dneoforge.crds.update=true}.
 */
class CrdReferenceDocTest {
    static final String DOC = "docs/crd-reference.md";

    @Test
    void crdReferenceMatchesTheModel() throws IOException {
        String expected = render();
        Path doc = RepoPaths.repoRoot().resolve(DOC);
        if (Boolean.getBoolean(CrdManifestsTest.UPDATE_PROPERTY)) {
            Files.createDirectories(doc.getParent());
            Files.writeString(doc, expected, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(doc)) {
            fail(DOC + " is missing. Generate it with: " + CrdManifestsTest.REGENERATE_COMMAND);
        }
        String actual = Files.readString(doc, StandardCharsets.UTF_8);
        if (!actual.equals(expected)) {
            fail(DOC + " is out of date with the model in crds/ (or was edited by hand; edit the "
                    + "@JsonPropertyDescription in the model instead). Regenerate it with: "
                    + CrdManifestsTest.REGENERATE_COMMAND
                    + "\nFirst differing line: " + firstDifference(expected, actual));
        }
        assertThat(actual).contains("spec.plan", "spec.replicas.min");
        for (TenantConditionType type : TenantConditionType.values()) {
            assertThat(actual).contains("| `" + type.name() + "` | " + escape(type.description()));
        }
        for (TenantConditionReason reason : TenantConditionReason.values()) {
            assertThat(actual).contains("| `" + reason.name() + "` | ");
        }
    }

    static String render() throws IOException {
        StringBuilder out = new StringBuilder();
        out.append("<!-- Generated from crds/ by CrdReferenceDocTest; do not edit. Regenerate with: ")
                .append(CrdManifestsTest.REGENERATE_COMMAND)
                .append(" -->\n");
        out.append("# CRD reference\n\n");
        out.append(
                "API group `neoforge.io`, version `v1alpha1`. Both kinds are cluster-scoped. This page is rendered from the\n"
                        + "CRDs in `manifests/crds/`, which are generated from the Java model in `crds/`; `kubectl explain tenant.spec`\n"
                        + "shows the same descriptions. The API server fills in a default when the field is absent and its parent\n"
                        + "object is present; when a whole object (say `spec.replicas`) is absent, the model in `crds/` uses the same\n"
                        + "defaults. Conditions have the standard Kubernetes condition shape.\n\n");
        out.append("- [Plan](#plan)\n- [Tenant](#tenant)\n\n");
        render(out, Plan.class);
        planConditions(out);
        render(out, Tenant.class);
        tenantConditions(out);
        return out.toString();
    }

    private static void render(StringBuilder out, Class<? extends CustomResource<?, ?>> kind) throws IOException {
        Map<String, Object> crd = CrdManifestsTest.expectedCrd(kind);
        Map<String, Object> spec = map(crd.get("spec"));
        Map<String, Object> names = map(spec.get("names"));
        Map<String, Object> version = list(spec.get("versions")).get(0);
        Map<String, Object> root = map(map(version.get("schema")).get("openAPIV3Schema"));

        out.append("## ").append(names.get("kind")).append("\n\n");
        out.append("| | |\n|---|---|\n");
        out.append("| CRD | `").append(map(crd.get("metadata")).get("name")).append("` |\n");
        out.append("| scope | ").append(spec.get("scope")).append(" |\n");
        out.append("| plural / singular | `")
                .append(names.get("plural"))
                .append("` / `")
                .append(names.get("singular"))
                .append("` |\n");
        out.append("| short names | ").append(codeList(names.get("shortNames"))).append(" |\n");
        out.append("| categories | ").append(codeList(names.get("categories"))).append(" |\n");
        out.append("| subresources | ")
                .append(codeList(
                        new ArrayList<>(map(version.get("subresources")).keySet())))
                .append(" |\n");
        List<String> columns = new ArrayList<>();
        for (Map<String, Object> column : list(version.get("additionalPrinterColumns"))) {
            Object priority = column.get("priority");
            columns.add(column.get("name") + (priority != null && !"0".equals(priority.toString()) ? " (wide)" : ""));
        }
        out.append("| `kubectl get` columns | ")
                .append(String.join(", ", columns))
                .append(" |\n\n");

        List<Map<String, Object>> rules = list(root.get("x-kubernetes-validations"));
        if (!rules.isEmpty()) {
            out.append("Rules the API server checks on the whole object:\n\n");
            for (Map<String, Object> rule : rules) {
                out.append("- ")
                        .append(rule.get("message"))
                        .append(" — CEL: `")
                        .append(rule.get("rule"))
                        .append("`\n");
            }
            out.append("\n");
        }

        for (String part : List.of("spec", "status")) {
            Map<String, Object> schema = map(map(root.get("properties")).get(part));
            out.append("### ")
                    .append(names.get("kind"))
                    .append(" ")
                    .append(part)
                    .append("\n\n");
            out.append(escape(String.valueOf(schema.get("description")))).append("\n\n");
            out.append("| field | type | default | validation | description |\n|---|---|---|---|---|\n");
            fields(out, part, schema);
            out.append("\n");
        }
    }

    private static void fields(StringBuilder out, String path, Map<String, Object> schema) {
        Map<String, Object> properties = map(schema.get("properties"));
        List<Object> required = new ArrayList<>(list(schema.get("required")));
        for (Map.Entry<String, Object> entry : properties.entrySet()) {
            String fieldPath = path + "." + entry.getKey();
            Map<String, Object> field = map(entry.getValue());
            out.append("| `")
                    .append(fieldPath)
                    .append("` | ")
                    .append(type(field))
                    .append(" | ")
                    .append(field.containsKey("default") ? "`" + field.get("default") + "`" : "")
                    .append(" | ")
                    .append(validation(field, required.contains(entry.getKey())))
                    .append(" | ")
                    .append(escape(description(path, entry.getKey(), field)))
                    .append(" |\n");
            if (field.get("properties") instanceof Map<?, ?>) {
                fields(out, fieldPath, field);
            }
            if (field.get("items") instanceof Map<?, ?> items && items.get("properties") instanceof Map<?, ?>) {
                fields(out, fieldPath + "[]", map(items));
            }
        }
    }

    private static String description(String parentPath, String name, Map<String, Object> field) {
        return field.get("description") == null ? "" : field.get("description").toString();
    }

    /** The closed sets of condition types and reasons of a kind (the enums in crds/), with what a person should do. */
    private static void conditions(StringBuilder out, String kind, List<String[]> types, List<String[]> reasons) {
        out.append("### ").append(kind).append(" conditions\n\n");
        out.append(
                "`status.conditions` is a list map keyed by `type` (`x-kubernetes-list-type: map`), so each condition "
                        + "has its own owner under server-side apply: the operator writes only the types below and leaves "
                        + "conditions of other types, set by other controllers, alone.\n\n");
        out.append("| type | True means |\n|---|---|\n");
        for (String[] type : types) {
            out.append("| `")
                    .append(type[0])
                    .append("` | ")
                    .append(escape(type[1]))
                    .append(" |\n");
        }
        out.append("\n| reason | on | means | what to do |\n|---|---|---|---|\n");
        for (String[] reason : reasons) {
            out.append("| `")
                    .append(reason[0])
                    .append("` | ")
                    .append(reason[1])
                    .append(" | ")
                    .append(escape(reason[2]))
                    .append(" | ")
                    .append(escape(reason[3]))
                    .append(" |\n");
        }
        out.append("\n");
    }

    private static void planConditions(StringBuilder out) {
        conditions(
                out,
                "Plan",
                Arrays.stream(PlanConditionType.values())
                        .map(t -> new String[] {t.name(), t.description()})
                        .toList(),
                Arrays.stream(PlanConditionReason.values())
                        .map(r -> new String[] {r.name(), "`" + r.condition() + "`", r.meaning(), r.action()})
                        .toList());
    }

    private static void tenantConditions(StringBuilder out) {
        conditions(
                out,
                "Tenant",
                Arrays.stream(TenantConditionType.values())
                        .map(t -> new String[] {t.name(), t.description()})
                        .toList(),
                Arrays.stream(TenantConditionReason.values())
                        .map(r -> new String[] {
                            r.name(),
                            codeList(r.conditions().stream().map(Enum::name).toList()),
                            r.meaning(),
                            r.action()
                        })
                        .toList());
    }

    private static String type(Map<String, Object> field) {
        String type = String.valueOf(field.get("type"));
        if ("array".equals(type) && field.get("items") instanceof Map<?, ?> items) {
            Object itemType = items.get("type");
            return "array of " + ("object".equals(itemType) ? "objects" : itemType + "s");
        }
        if ("object".equals(type) && field.get("additionalProperties") instanceof Map<?, ?> values) {
            return "map of " + values.get("type") + "s";
        }
        return type;
    }

    private static String validation(Map<String, Object> field, boolean required) {
        List<String> parts = new ArrayList<>();
        if (required) {
            parts.add("**required**");
        }
        if (field.get("enum") instanceof List<?> values) {
            parts.add("one of " + codeList(values));
        }
        if (field.containsKey("pattern")) {
            parts.add("pattern `" + field.get("pattern") + "`");
        }
        if (field.containsKey("minimum") || field.containsKey("maximum")) {
            parts.add(range(field.get("minimum"), field.get("maximum"), ""));
        }
        if (field.containsKey("minLength") || field.containsKey("maxLength")) {
            parts.add(range(field.get("minLength"), field.get("maxLength"), " characters"));
        }
        if (field.containsKey("minItems") || field.containsKey("maxItems")) {
            parts.add(range(field.get("minItems"), field.get("maxItems"), " items"));
        }
        List<Map<String, Object>> rules = list(field.get("x-kubernetes-validations"));
        if (field.get("items") instanceof Map<?, ?> items) {
            rules = new ArrayList<>(rules);
            rules.addAll(list(items.get("x-kubernetes-validations")));
        }
        for (Map<String, Object> rule : rules) {
            parts.add("CEL `" + rule.get("rule") + "` (" + rule.get("message") + ")");
        }
        return escape(String.join("; ", parts));
    }

    private static String range(Object min, Object max, String unit) {
        String low = min == null ? null : number(min);
        String high = max == null ? null : number(max);
        if (low != null && high != null) {
            return low + "–" + high + unit;
        }
        return low != null ? "≥ " + low + unit : "≤ " + high + unit;
    }

    private static String number(Object value) {
        double d = Double.parseDouble(value.toString());
        return d == Math.rint(d) ? Long.toString((long) d) : value.toString();
    }

    private static String codeList(Object values) {
        List<String> items = new ArrayList<>();
        for (Object value : (List<?>) (values == null ? List.of() : values)) {
            items.add("`" + value + "`");
        }
        return String.join(", ", items);
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private static String firstDifference(String expected, String actual) {
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        for (int i = 0; i < Math.max(e.length, a.length); i++) {
            String left = i < e.length ? e[i] : "<end of file>";
            String right = i < a.length ? a[i] : "<end of file>";
            if (!left.equals(right)) {
                return "line " + (i + 1) + "\n  generated: " + left + "\n  committed: " + right;
            }
        }
        return "(none)";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }
}
