package io.neoforge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neoforge.sandbox.ApiResources.PrinterColumn;
import io.neoforge.sandbox.ApiResources.ResourceType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Server-side printing ({@code Accept: application/json;as=Table;v=v1;g=meta.k8s.io}) the way the API server does it
 * for CRDs: a Name column, then the version's additionalPrinterColumns (priority &gt; 0 columns are sent with their
 * priority; kubectl shows them only with {@code -o wide}), dates rendered as ages.
 */
final class TableConverter {

    private TableConverter() {}

    static boolean wantsTable(String accept) {
        return accept != null && accept.contains("as=Table");
    }

    static ObjectNode table(
            ObjectMapper m, ResourceType type, List<JsonNode> objects, String resourceVersion, boolean includeColumns) {
        ObjectNode table = m.createObjectNode().put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
        ObjectNode meta = table.putObject("metadata");
        if (resourceVersion != null) {
            meta.put("resourceVersion", resourceVersion);
        }
        ArrayNode cols = table.putArray("columnDefinitions");
        if (includeColumns) {
            cols.addObject()
                    .put("name", "Name")
                    .put("type", "string")
                    .put("format", "name")
                    .put("description", "Name must be unique within a namespace.")
                    .put("priority", 0);
            for (PrinterColumn c : type.columns()) {
                cols.addObject()
                        .put("name", c.name())
                        .put("type", c.type())
                        .put("format", c.format())
                        .put("description", c.description())
                        .put("priority", c.priority());
            }
        }
        ArrayNode rows = table.putArray("rows");
        for (JsonNode o : objects) {
            rows.add(row(m, type, o));
        }
        return table;
    }

    static ObjectNode row(ObjectMapper m, ResourceType type, JsonNode object) {
        ObjectNode row = m.createObjectNode();
        ArrayNode cells = row.putArray("cells");
        cells.add(object.path("metadata").path("name").asText());
        for (PrinterColumn c : type.columns()) {
            List<JsonNode> found;
            try {
                found = JsonPathLite.read(object, c.jsonPath());
            } catch (RuntimeException e) {
                found = List.of();
            }
            if (found.isEmpty() || found.get(0).isNull()) {
                cells.addNull();
                continue;
            }
            JsonNode value = found.get(0);
            switch (c.type()) {
                case "date" -> cells.add(age(value.asText()));
                case "integer" -> {
                    if (value.canConvertToLong()) {
                        cells.add(value.asLong());
                    } else {
                        cells.add(JsonPathLite.text(value));
                    }
                }
                case "number" -> {
                    if (value.isNumber()) {
                        cells.add(value.asDouble());
                    } else {
                        cells.add(JsonPathLite.text(value));
                    }
                }
                case "boolean" -> {
                    if (value.isBoolean()) {
                        cells.add(value.asBoolean());
                    } else {
                        cells.add(JsonPathLite.text(value));
                    }
                }
                default -> {
                    if (found.size() > 1 && c.jsonPath().contains("[*]")) {
                        StringBuilder sb = new StringBuilder();
                        for (JsonNode f : found) {
                            sb.append(sb.length() == 0 ? "" : ",").append(JsonPathLite.text(f));
                        }
                        cells.add(sb.toString());
                    } else {
                        cells.add(JsonPathLite.text(value));
                    }
                }
            }
        }
        ObjectNode partial = row.putObject("object");
        partial.put("kind", "PartialObjectMetadata").put("apiVersion", "meta.k8s.io/v1");
        partial.set("metadata", object.path("metadata").deepCopy());
        return row;
    }

    static String age(String timestamp) {
        try {
            return humanDuration(Duration.between(Instant.parse(timestamp), Instant.now()));
        } catch (RuntimeException e) {
            return "<invalid>";
        }
    }

    /** k8s.io/apimachinery/pkg/util/duration.HumanDuration. */
    static String humanDuration(Duration d) {
        long seconds = d.getSeconds();
        if (seconds < -1) {
            return "<invalid>";
        } else if (seconds < 0) {
            return "0s";
        } else if (seconds < 60 * 2) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 10) {
            long s = seconds % 60;
            return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
        } else if (minutes < 60 * 3) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        if (hours < 8) {
            long m = minutes % 60;
            return m == 0 ? hours + "h" : hours + "h" + m + "m";
        } else if (hours < 48) {
            return hours + "h";
        } else if (hours < 24 * 8) {
            long h = hours % 24;
            return h == 0 ? (hours / 24) + "d" : (hours / 24) + "d" + h + "h";
        } else if (hours < 24 * 365 * 2) {
            return (hours / 24) + "d";
        } else if (hours < 24 * 365 * 8) {
            long dy = (hours / 24) % 365;
            return dy == 0 ? (hours / 24 / 365) + "y" : (hours / 24 / 365) + "y" + dy + "d";
        }
        return (hours / 24 / 365) + "y";
    }
}
