package io.neoforge.sandbox.ssa;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One step of a field path, as structured-merge-diff names them: a field of a map ({@code f:name}), a list item by
 * its key fields ({@code k:{"name":"app"}}), a set item by its value ({@code v:"x"}) or an atomic list's item by index
 * ({@code i:0}).
 */
public final class PathElement implements Comparable<PathElement> {

    enum Kind {
        FIELD,
        KEY,
        VALUE,
        INDEX
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Kind kind;
    private final String field;
    /** Key fields sorted by name (KEY), or the item (VALUE). */
    private final JsonNode value;

    private final int index;
    private final String encoded;

    private PathElement(Kind kind, String field, JsonNode value, int index) {
        this.kind = kind;
        this.field = field;
        this.value = value;
        this.index = index;
        this.encoded = switch (kind) {
            case FIELD -> "f:" + field;
            case KEY -> "k:" + value.toString();
            case VALUE -> "v:" + value.toString();
            case INDEX -> "i:" + index;
        };
    }

    public static PathElement field(String name) {
        return new PathElement(Kind.FIELD, name, null, -1);
    }

    /** A list-map item; the key fields are sorted by name, as the API server encodes them. */
    public static PathElement key(Map<String, JsonNode> keyFields) {
        ObjectNode sorted = JSON.createObjectNode();
        new TreeMap<>(keyFields).forEach(sorted::set);
        return new PathElement(Kind.KEY, null, sorted, -1);
    }

    public static PathElement value(JsonNode item) {
        return new PathElement(Kind.VALUE, null, item, -1);
    }

    public static PathElement index(int i) {
        return new PathElement(Kind.INDEX, null, null, i);
    }

    /** Parses a {@code fieldsV1} key such as {@code f:data} or {@code k:{"name":"app"}}. */
    public static PathElement parse(String encoded) {
        if (encoded.length() < 2 || encoded.charAt(1) != ':') {
            throw new IllegalArgumentException("not a field path element: " + encoded);
        }
        String rest = encoded.substring(2);
        try {
            return switch (encoded.charAt(0)) {
                case 'f' -> field(rest);
                case 'k' -> {
                    JsonNode keys = JSON.readTree(rest);
                    if (!keys.isObject()) {
                        throw new IllegalArgumentException("not a key: " + encoded);
                    }
                    Map<String, JsonNode> fields = new TreeMap<>();
                    keys.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue()));
                    yield key(fields);
                }
                case 'v' -> value(JSON.readTree(rest));
                case 'i' -> index(Integer.parseInt(rest));
                default -> throw new IllegalArgumentException("not a field path element: " + encoded);
            };
        } catch (JsonProcessingException | NumberFormatException e) {
            throw new IllegalArgumentException("not a field path element: " + encoded, e);
        }
    }

    Kind kind() {
        return kind;
    }

    public boolean isField() {
        return kind == Kind.FIELD;
    }

    public String fieldName() {
        return field;
    }

    /** The {@code fieldsV1} form. */
    public String encoded() {
        return encoded;
    }

    /** As the API server prints it in a conflict: {@code .data.a}, {@code [name="app"]}, {@code [="x"]}, {@code [0]}. */
    @Override
    public String toString() {
        return switch (kind) {
            case FIELD -> "." + field;
            case KEY -> {
                List<String> parts = new ArrayList<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    parts.add(e.getKey() + "=" + e.getValue().toString());
                }
                yield "[" + String.join(",", parts) + "]";
            }
            case VALUE -> "[=" + value.toString() + "]";
            case INDEX -> "[" + index + "]";
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PathElement p && p.encoded.equals(encoded);
    }

    @Override
    public int hashCode() {
        return encoded.hashCode();
    }

    @Override
    public int compareTo(PathElement o) {
        return encoded.compareTo(o.encoded);
    }
}
