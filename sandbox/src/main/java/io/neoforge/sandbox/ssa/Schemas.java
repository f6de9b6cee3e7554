package io.neoforge.sandbox.ssa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Builds {@link TypeDef}s from OpenAPI v3 schemas: the built-in kinds' from the Kubernetes API's own documents (on
 * the classpath under {@code neoforge/openapi/}), a custom resource's from its CRD's structural schema. The rules are
 * those the API server uses: {@code x-kubernetes-list-type} / {@code -list-map-keys} / {@code -map-type}, and for
 * built-in lists without a list type the strategic-merge-patch strategy and merge key; lists default to atomic.
 */
public final class Schemas {

    static final String OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
    private static final String[] DOCUMENTS = {
        "api_v1",
        "apis_admissionregistration.k8s.io_v1",
        "apis_apiextensions.k8s.io_v1",
        "apis_apps_v1",
        "apis_autoscaling_v2",
        "apis_coordination.k8s.io_v1",
        "apis_events.k8s.io_v1",
        "apis_networking.k8s.io_v1",
        "apis_policy_v1",
        "apis_rbac.authorization.k8s.io_v1"
    };
    private static final String REF_PREFIX = "#/components/schemas/";
    private static volatile Schemas builtins;

    private final Map<String, JsonNode> components;
    private final Map<String, String> componentByGvk;
    private final Map<String, TypeDef> named = new ConcurrentHashMap<>();

    private Schemas(Map<String, JsonNode> components, Map<String, String> componentByGvk) {
        this.components = components;
        this.componentByGvk = componentByGvk;
    }

    /** The built-in kinds, loaded once. */
    public static Schemas builtins() {
        Schemas s = builtins;
        if (s == null) {
            synchronized (Schemas.class) {
                if (builtins == null) {
                    builtins = load(new ObjectMapper());
                }
                s = builtins;
            }
        }
        return s;
    }

    private static Schemas load(ObjectMapper json) {
        Map<String, JsonNode> components = new HashMap<>();
        Map<String, String> byGvk = new HashMap<>();
        for (String doc : DOCUMENTS) {
            String resource = "neoforge/openapi/" + doc + ".json";
            try (InputStream in = Schemas.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing " + resource);
                }
                JsonNode schemas = json.readTree(in).path("components").path("schemas");
                for (Iterator<Map.Entry<String, JsonNode>> it = schemas.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    components.putIfAbsent(e.getKey(), e.getValue());
                    JsonNode gvks = e.getValue().path("x-kubernetes-group-version-kind");
                    if (gvks.size() == 1) {
                        JsonNode g = gvks.get(0);
                        byGvk.putIfAbsent(
                                gvk(
                                        g.path("group").asText(),
                                        g.path("version").asText(),
                                        g.path("kind").asText()),
                                e.getKey());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Schemas(components, byGvk);
    }

    private static String gvk(String group, String version, String kind) {
        return group + "/" + version + "/" + kind;
    }

    /** The type of a built-in kind, or null when the documents do not have it. */
    public TypeDef forKind(String group, String version, String kind) {
        String name = componentByGvk.get(gvk(group, version, kind));
        return name == null ? null : named(name);
    }

    /**
     * The type of a custom resource from its version's {@code openAPIV3Schema}: {@code metadata} is always the
     * API server's ObjectMeta, whatever the CRD says about it.
     */
    public TypeDef forCustomResource(JsonNode openApiV3Schema) {
        TypeDef declared =
                openApiV3Schema == null || openApiV3Schema.isMissingNode() ? TypeDef.UNTYPED : build(openApiV3Schema);
        TypeDef root = new TypeDef(TypeDef.Kind.MAP);
        if (declared.kind == TypeDef.Kind.MAP) {
            root.fields.putAll(declared.fields);
            root.element = declared.element;
        } else {
            root.element = () -> TypeDef.UNTYPED;
        }
        root.fields.put("apiVersion", () -> TypeDef.scalar(TypeDef.ScalarType.STRING));
        root.fields.put("kind", () -> TypeDef.scalar(TypeDef.ScalarType.STRING));
        root.fields.put("metadata", () -> named(OBJECT_META));
        return root;
    }

    /** ObjectMeta, the same for every kind. */
    public TypeDef objectMeta() {
        return named(OBJECT_META);
    }

    TypeDef named(String name) {
        TypeDef t = named.get(name);
        if (t != null) {
            return t;
        }
        JsonNode schema = components.get(name);
        t = schema == null ? TypeDef.UNTYPED : build(schema);
        TypeDef raced = named.putIfAbsent(name, t);
        return raced == null ? t : raced;
    }

    TypeDef build(JsonNode s) {
        String ref = ref(s);
        if (ref != null) {
            return named(ref);
        }
        if (s.path("x-kubernetes-int-or-string").asBoolean(false)
                || "int-or-string".equals(s.path("format").asText())
                || s.has("oneOf")
                || s.has("anyOf")) {
            return TypeDef.scalar(TypeDef.ScalarType.ANY);
        }
        boolean preserve = s.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        String type = s.path("type").asText("");
        JsonNode properties = s.path("properties");
        JsonNode additional = s.get("additionalProperties");
        if (type.equals("array")) {
            return list(s);
        }
        if (type.equals("object") || properties.isObject() || (additional != null && additional.isObject())) {
            boolean hasShape = properties.size() > 0
                    || additional != null
                    || s.path("x-kubernetes-embedded-resource").asBoolean(false);
            if (!hasShape) {
                return TypeDef.UNTYPED;
            }
            TypeDef m = new TypeDef(TypeDef.Kind.MAP);
            m.atomic = "atomic".equals(s.path("x-kubernetes-map-type").asText());
            for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                JsonNode propertySchema = p.getValue();
                m.fields.put(p.getKey(), memo(() -> build(propertySchema)));
                if (propertySchema.has("default")
                        && propertySchema.get("default").isValueNode()) {
                    m.fieldDefaults.put(p.getKey(), propertySchema.get("default"));
                }
            }
            s.path("required").forEach(r -> m.required.add(r.asText()));
            if (s.path("x-kubernetes-embedded-resource").asBoolean(false)) {
                m.fields.putIfAbsent("apiVersion", () -> TypeDef.scalar(TypeDef.ScalarType.STRING));
                m.fields.putIfAbsent("kind", () -> TypeDef.scalar(TypeDef.ScalarType.STRING));
                m.fields.putIfAbsent("metadata", memo(() -> named(OBJECT_META)));
            }
            if (additional != null && additional.isObject()) {
                m.element = memo(() -> build(additional));
            } else if (preserve || (additional != null && additional.asBoolean(false))) {
                m.element = () -> TypeDef.UNTYPED;
            }
            return m;
        }
        return switch (type) {
            case "string" -> TypeDef.scalar(TypeDef.ScalarType.STRING);
            case "integer", "number" -> TypeDef.scalar(TypeDef.ScalarType.NUMERIC);
            case "boolean" -> TypeDef.scalar(TypeDef.ScalarType.BOOLEAN);
            default -> TypeDef.UNTYPED;
        };
    }

    private TypeDef list(JsonNode s) {
        TypeDef l = new TypeDef(TypeDef.Kind.LIST);
        JsonNode items = s.path("items");
        l.element = items.isObject() ? memo(() -> build(items)) : () -> TypeDef.UNTYPED;
        String listType = s.path("x-kubernetes-list-type").asText("");
        switch (listType) {
            case "map" -> {
                l.listType = TypeDef.ListType.MAP;
                l.keys = strings(s.path("x-kubernetes-list-map-keys"));
            }
            case "set" -> l.listType = TypeDef.ListType.SET;
            case "atomic" -> l.listType = TypeDef.ListType.ATOMIC;
            default -> {
                String strategy = s.path("x-kubernetes-patch-strategy").asText("");
                if (strategy.equals("merge") || strategy.equals("merge,retainKeys")) {
                    String key = s.path("x-kubernetes-patch-merge-key").asText("");
                    if (key.isEmpty()) {
                        l.listType = TypeDef.ListType.SET;
                    } else {
                        l.listType = TypeDef.ListType.MAP;
                        l.keys = List.of(key);
                    }
                }
            }
        }
        return l;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return List.copyOf(out);
    }

    private static String ref(JsonNode s) {
        String ref = s.path("$ref").asText(null);
        if (ref == null && s.path("allOf").size() == 1) {
            ref = s.path("allOf").get(0).path("$ref").asText(null);
        }
        return ref != null && ref.startsWith(REF_PREFIX) ? ref.substring(REF_PREFIX.length()) : null;
    }

    private static Supplier<TypeDef> memo(Supplier<TypeDef> s) {
        return new Supplier<>() {
            private volatile TypeDef value;

            @Override
            public TypeDef get() {
                TypeDef v = value;
                if (v == null) {
                    v = s.get();
                    value = v;
                }
                return v;
            }
        };
    }
}
