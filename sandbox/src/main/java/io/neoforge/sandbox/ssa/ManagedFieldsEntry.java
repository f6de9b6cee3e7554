package io.neoforge.sandbox.ssa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** One entry of {@code metadata.managedFields}: a manager's fields for one operation (and subresource). */
public record ManagedFieldsEntry(
        String manager, String operation, String apiVersion, String time, String subresource, FieldSet fields) {

    public static final String APPLY = "Apply";
    public static final String UPDATE = "Update";

    /** Entries are told apart by manager, operation and subresource, and for updates by API version too. */
    public boolean sameOwner(
            String otherManager, String otherOperation, String otherApiVersion, String otherSubresource) {
        return manager.equals(otherManager)
                && operation.equals(otherOperation)
                && Objects.equals(blankToNull(subresource), blankToNull(otherSubresource))
                && (operation.equals(APPLY) || Objects.equals(apiVersion, otherApiVersion));
    }

    public boolean isApply() {
        return APPLY.equals(operation);
    }

    ManagedFieldsEntry withFields(FieldSet f) {
        return new ManagedFieldsEntry(manager, operation, apiVersion, time, subresource, f);
    }

    /** How a conflict names the manager: {@code "alpha"}, {@code "charlie" using v1}, with its subresource. */
    String describe() {
        String s = "\"" + manager + "\"";
        if (subresource != null && !subresource.isEmpty()) {
            s += " with subresource \"" + subresource + "\"";
        }
        if (UPDATE.equals(operation)) {
            s += " using " + apiVersion;
        }
        return s;
    }

    public static List<ManagedFieldsEntry> decode(JsonNode managedFields) {
        List<ManagedFieldsEntry> out = new ArrayList<>();
        if (managedFields == null || !managedFields.isArray()) {
            return out;
        }
        for (JsonNode e : managedFields) {
            if (!e.hasNonNull("manager") && !e.hasNonNull("operation")) {
                continue;
            }
            out.add(new ManagedFieldsEntry(
                    e.path("manager").asText(""),
                    e.path("operation").asText(UPDATE),
                    e.path("apiVersion").asText(null),
                    e.path("time").asText(null),
                    blankToNull(e.path("subresource").asText(null)),
                    FieldSet.fromFieldsV1(e.get("fieldsV1"))));
        }
        return out;
    }

    public static ArrayNode encode(List<ManagedFieldsEntry> entries) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (ManagedFieldsEntry e : entries) {
            ObjectNode n = out.addObject();
            n.put("manager", e.manager).put("operation", e.operation);
            if (e.apiVersion != null) {
                n.put("apiVersion", e.apiVersion);
            }
            if (e.time != null) {
                n.put("time", e.time);
            }
            n.put("fieldsType", "FieldsV1");
            n.set("fieldsV1", e.fields.toFieldsV1());
            if (e.subresource != null && !e.subresource.isEmpty()) {
                n.put("subresource", e.subresource);
            }
        }
        return out;
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
