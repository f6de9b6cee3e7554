package io.neoforge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Patch semantics of the Kubernetes API server that Fabric8's mock gets wrong: RFC 7386 JSON merge patch (arrays are
 * replaced, {@code null} deletes) and a pragmatic strategic merge patch (lists of objects with a well-known merge key
 * are merged element-wise, kubectl's {@code $setElementOrder}/{@code $patch}/{@code $retainKeys}/
 * {@code $deleteFromPrimitiveList} directives are honoured or dropped).
 */
public final class JsonPatches {

    /** Merge keys Kubernetes uses for lists of objects in the built-in types, tried in order. */
    private static final List<String> MERGE_KEYS =
            List.of("name", "containerPort", "port", "mountPath", "devicePath", "ip", "type", "topologyKey");

    private JsonPatches() {}

    /** RFC 7386: returns a new node, {@code target} is not modified. */
    public static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            return patch == null ? target : patch.deepCopy();
        }
        ObjectNode result = target != null && target.isObject()
                ? ((ObjectNode) target).deepCopy()
                : JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNull()) {
                result.remove(e.getKey());
            } else {
                result.set(e.getKey(), mergePatch(result.get(e.getKey()), e.getValue()));
            }
        }
        return result;
    }

    /** Strategic merge patch, close enough to Kubernetes for what kubectl sends. */
    public static JsonNode strategicMergePatch(JsonNode target, JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            return patch == null ? target : patch.deepCopy();
        }
        String directive = patch.path("$patch").asText("");
        if ("delete".equals(directive)) {
            return null;
        }
        if ("replace".equals(directive)) {
            return stripDirectives(patch);
        }
        ObjectNode result = target != null && target.isObject()
                ? ((ObjectNode) target).deepCopy()
                : JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode value = e.getValue();
            if (key.startsWith("$deleteFromPrimitiveList/")) {
                String field = key.substring("$deleteFromPrimitiveList/".length());
                JsonNode list = result.get(field);
                if (list != null && list.isArray() && value.isArray()) {
                    ArrayNode kept = JsonNodeFactory.instance.arrayNode();
                    list.forEach(item -> {
                        boolean remove = false;
                        for (JsonNode r : value) {
                            remove |= r.equals(item);
                        }
                        if (!remove) {
                            kept.add(item);
                        }
                    });
                    result.set(field, kept);
                }
                continue;
            }
            if (key.startsWith("$")) {
                continue; // $setElementOrder/..., $retainKeys, $patch: handled where they matter or ignored
            }
            if (value.isNull()) {
                result.remove(key);
            } else if (value.isObject()) {
                JsonNode merged = strategicMergePatch(result.get(key), value);
                if (merged == null) {
                    result.remove(key);
                } else {
                    result.set(key, merged);
                }
            } else if (value.isArray()) {
                result.set(key, mergeList(result.get(key), (ArrayNode) value, patch.get("$setElementOrder/" + key)));
            } else {
                result.set(key, value.deepCopy());
            }
        }
        return result;
    }

    private static JsonNode mergeList(JsonNode current, ArrayNode patch, JsonNode order) {
        String mergeKey = mergeKey(patch, order);
        if (mergeKey == null || current == null || !current.isArray()) {
            ArrayNode replaced = JsonNodeFactory.instance.arrayNode();
            patch.forEach(item -> {
                if (!"delete".equals(item.path("$patch").asText(""))) {
                    replaced.add(item.isObject() ? stripDirectives(item) : item.deepCopy());
                }
            });
            return replaced;
        }
        Map<String, JsonNode> byKey = new LinkedHashMap<>();
        List<JsonNode> unkeyed = new ArrayList<>();
        current.forEach(item -> {
            if (item.hasNonNull(mergeKey)) {
                byKey.put(item.get(mergeKey).asText(), item);
            } else {
                unkeyed.add(item);
            }
        });
        for (JsonNode item : patch) {
            String k = item.path(mergeKey).asText();
            if ("delete".equals(item.path("$patch").asText(""))) {
                byKey.remove(k);
            } else {
                JsonNode merged = strategicMergePatch(byKey.get(k), item);
                if (merged != null) {
                    byKey.put(k, merged);
                }
            }
        }
        ArrayNode result = JsonNodeFactory.instance.arrayNode();
        if (order != null && order.isArray()) {
            for (JsonNode o : order) {
                JsonNode item = byKey.remove(o.path(mergeKey).asText());
                if (item != null) {
                    result.add(item);
                }
            }
            byKey.values().forEach(result::add);
            unkeyed.forEach(result::add);
            return result;
        }
        // no $setElementOrder: the patch's items in its order, merged with the server-only ones by their server
        // position
        List<String> serverOrder = new ArrayList<>();
        current.forEach(item -> serverOrder.add(item.path(mergeKey).asText(null)));
        List<String> patchKeys = new ArrayList<>();
        for (JsonNode item : patch) {
            String k = item.path(mergeKey).asText();
            if (byKey.containsKey(k) && !patchKeys.contains(k)) {
                patchKeys.add(k);
            }
        }
        List<String> serverOnly = new ArrayList<>();
        for (String k : byKey.keySet()) {
            if (!patchKeys.contains(k)) {
                serverOnly.add(k);
            }
        }
        int i = 0;
        int j = 0;
        while (i < patchKeys.size() || j < serverOnly.size()) {
            if (i >= patchKeys.size()) {
                result.add(byKey.get(serverOnly.get(j++)));
            } else if (j >= serverOnly.size()) {
                result.add(byKey.get(patchKeys.get(i++)));
            } else {
                int li = serverOrder.indexOf(patchKeys.get(i));
                int ri = serverOrder.indexOf(serverOnly.get(j));
                if (li >= 0 && ri >= 0 && ri < li) {
                    result.add(byKey.get(serverOnly.get(j++)));
                } else {
                    result.add(byKey.get(patchKeys.get(i++)));
                }
            }
        }
        unkeyed.forEach(result::add);
        return result;
    }

    private static String mergeKey(ArrayNode patch, JsonNode order) {
        JsonNode sample = patch.size() > 0 ? patch.get(0) : order != null && order.size() > 0 ? order.get(0) : null;
        if (sample == null || !sample.isObject()) {
            return null;
        }
        for (String key : MERGE_KEYS) {
            boolean all = true;
            for (JsonNode item : patch) {
                all &= item.isObject() && item.hasNonNull(key);
            }
            if (all && sample.hasNonNull(key)) {
                return key;
            }
        }
        return null;
    }

    private static JsonNode stripDirectives(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(e -> {
                if (!e.getKey().startsWith("$")) {
                    copy.set(e.getKey(), stripDirectives(e.getValue()));
                }
            });
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(n -> copy.add(stripDirectives(n)));
            return copy;
        }
        return node.deepCopy();
    }
}
