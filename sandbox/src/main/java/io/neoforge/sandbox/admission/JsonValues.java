package io.neoforge.sandbox.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** JSON helpers with the API server's view of values (integral numbers are integers, numbers compare by value). */
final class JsonValues {

    private JsonValues() {}

    /** The JSON schema type name of a value: string, integer, number, boolean, object, array or null. */
    static String typeOf(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "null";
        }
        if (v.isTextual()) {
            return "string";
        }
        if (v.isNumber()) {
            return isInteger(v) ? "integer" : "number";
        }
        if (v.isBoolean()) {
            return "boolean";
        }
        if (v.isObject()) {
            return "object";
        }
        if (v.isArray()) {
            return "array";
        }
        return "string";
    }

    /** Integral JSON numbers, including 2.0 (the API server's JSON decoder makes those int64). */
    static boolean isInteger(JsonNode v) {
        if (v.isIntegralNumber()) {
            return true;
        }
        if (v.isFloatingPointNumber()) {
            double d = v.doubleValue();
            return d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 9.2e18;
        }
        return false;
    }

    /** Deep equality where numbers compare by value. */
    static boolean equal(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!equal(e.getValue(), b.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!equal(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /**
     * The old element an element of a list corresponds to: only {@code x-kubernetes-list-type: map} lists correlate
     * (by their {@code x-kubernetes-list-map-keys}), like the API server's transition rules and ratcheting.
     */
    static JsonNode correlateListItem(JsonNode item, ArrayNode oldList, JSONSchemaProps listSchema) {
        if (oldList == null || !"map".equals(listSchema.getXKubernetesListType())) {
            return null;
        }
        List<String> keys = listSchema.getXKubernetesListMapKeys();
        if (keys == null || keys.isEmpty() || !(item instanceof ObjectNode)) {
            return null;
        }
        for (JsonNode candidate : oldList) {
            boolean same = true;
            for (String k : keys) {
                if (!equal(item.get(k), candidate.get(k))) {
                    same = false;
                    break;
                }
            }
            if (same) {
                return candidate;
            }
        }
        return null;
    }
}
