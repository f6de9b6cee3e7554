package io.neoforge.sandbox.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the API server does to a custom resource before validating it, for a structural schema
 * (apiextensions.k8s.io/v1): {@code PruneNonNullableNullsWithoutDefaults}, {@code Default} and pruning of unknown
 * fields. Works in place on the given tree; {@code metadata} at the resource root (and at embedded resources) is left
 * alone.
 */
public final class SchemaDefaulter {

    private static final Set<String> RESOURCE_FIELDS = Set.of("apiVersion", "kind", "metadata");

    private SchemaDefaulter() {}

    /** Drops nulls of non-nullable fields without default, applies defaults, prunes unknown fields. */
    public static void apply(ObjectNode resource, JSONSchemaProps rootSchema) {
        pruneNonNullableNullsWithoutDefaults(resource, rootSchema);
        applyDefaults(resource, rootSchema);
        prune(resource, rootSchema, true);
    }

    /** {@code structuraldefaulting.PruneNonNullableNullsWithoutDefaults}. */
    static void pruneNonNullableNullsWithoutDefaults(JsonNode x, JSONSchemaProps s) {
        if (s == null) {
            return;
        }
        if (x instanceof ObjectNode obj) {
            Map<String, JSONSchemaProps> props = s.getProperties();
            JSONSchemaProps additional = additionalSchema(s);
            for (String k : fieldNames(obj)) {
                JsonNode v = obj.get(k);
                JSONSchemaProps ps = props != null ? props.get(k) : null;
                if (ps == null && (props == null || !props.containsKey(k))) {
                    ps = additional;
                }
                if (ps == null) {
                    continue;
                }
                if (v.isNull() && ps.getDefault() == null && !isTrue(ps.getNullable())) {
                    obj.remove(k);
                } else {
                    pruneNonNullableNullsWithoutDefaults(v, ps);
                }
            }
        } else if (x instanceof ArrayNode arr) {
            JSONSchemaProps items = itemsSchema(s);
            for (JsonNode v : arr) {
                pruneNonNullableNullsWithoutDefaults(v, items);
            }
        }
    }

    /** {@code structuraldefaulting.Default}: defaults only where the parent object exists, then recurses. */
    static void applyDefaults(JsonNode x, JSONSchemaProps s) {
        if (s == null) {
            return;
        }
        if (x instanceof ObjectNode obj) {
            Map<String, JSONSchemaProps> props = s.getProperties();
            if (props != null) {
                for (Map.Entry<String, JSONSchemaProps> e : props.entrySet()) {
                    JsonNode def = e.getValue().getDefault();
                    if (def == null) {
                        continue;
                    }
                    JsonNode current = obj.get(e.getKey());
                    if (current == null || isNonNullableNull(current, e.getValue())) {
                        obj.set(e.getKey(), def.deepCopy());
                    }
                }
            }
            JSONSchemaProps additional = additionalSchema(s);
            for (String k : fieldNames(obj)) {
                JsonNode v = obj.get(k);
                if (props != null && props.containsKey(k)) {
                    applyDefaults(v, props.get(k));
                } else if (additional != null) {
                    if (isNonNullableNull(v, additional) && additional.getDefault() != null) {
                        obj.set(k, additional.getDefault().deepCopy());
                        v = obj.get(k);
                    }
                    applyDefaults(v, additional);
                }
            }
        } else if (x instanceof ArrayNode arr) {
            JSONSchemaProps items = itemsSchema(s);
            if (items == null) {
                return;
            }
            for (int i = 0; i < arr.size(); i++) {
                if (isNonNullableNull(arr.get(i), items) && items.getDefault() != null) {
                    arr.set(i, items.getDefault().deepCopy());
                }
                applyDefaults(arr.get(i), items);
            }
        }
    }

    /**
     * Pruning of fields the schema does not specify, unless {@code x-kubernetes-preserve-unknown-fields: true};
     * {@code apiVersion}, {@code kind} and {@code metadata} are kept at the root and at embedded resources.
     */
    static void prune(JsonNode x, JSONSchemaProps s, boolean isResourceRoot) {
        if (s == null) {
            return;
        }
        if (x instanceof ObjectNode obj) {
            boolean preserve = isTrue(s.getXKubernetesPreserveUnknownFields());
            boolean embedded = isResourceRoot || isTrue(s.getXKubernetesEmbeddedResource());
            Map<String, JSONSchemaProps> props = s.getProperties();
            JSONSchemaProps additional = additionalSchema(s);
            boolean additionalAllowed = s.getAdditionalProperties() != null
                    && (additional != null || isTrue(s.getAdditionalProperties().getAllows()));
            for (String k : fieldNames(obj)) {
                JsonNode v = obj.get(k);
                if (embedded && RESOURCE_FIELDS.contains(k)) {
                    if (!"metadata".equals(k) && props != null && props.containsKey(k)) {
                        prune(v, props.get(k), false);
                    }
                    continue;
                }
                if (props != null && props.containsKey(k)) {
                    JSONSchemaProps ps = props.get(k);
                    prune(v, ps, false);
                } else if (additional != null) {
                    prune(v, additional, false);
                } else if (!preserve && !additionalAllowed) {
                    obj.remove(k);
                }
            }
        } else if (x instanceof ArrayNode arr) {
            JSONSchemaProps items = itemsSchema(s);
            for (JsonNode v : arr) {
                prune(v, items, false);
            }
        }
    }

    static JSONSchemaProps additionalSchema(JSONSchemaProps s) {
        return s.getAdditionalProperties() != null ? s.getAdditionalProperties().getSchema() : null;
    }

    static JSONSchemaProps itemsSchema(JSONSchemaProps s) {
        return s.getItems() != null ? s.getItems().getSchema() : null;
    }

    static boolean isTrue(Boolean b) {
        return Boolean.TRUE.equals(b);
    }

    private static boolean isNonNullableNull(JsonNode v, JSONSchemaProps s) {
        return v != null && v.isNull() && !isTrue(s.getNullable());
    }

    private static List<String> fieldNames(ObjectNode obj) {
        List<String> names = new ArrayList<>(obj.size());
        for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
