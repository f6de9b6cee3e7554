package io.neoforge.sandbox.ssa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The operations of structured-merge-diff on JSON values of a {@link TypeDef}: the set of fields a value sets, the
 * comparison of two values, the merge of an applied configuration into a live object, and the removal of fields.
 * A JSON {@code null} counts as absent everywhere, as it does once the API server has decoded an object.
 */
public final class TypedValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TypedValues() {}

    /** What {@link #compare} found: fields only in the new value, changed, and only in the old one. */
    public record Comparison(FieldSet added, FieldSet modified, FieldSet removed) {
        public boolean isSame() {
            return added.isEmpty() && modified.isEmpty() && removed.isEmpty();
        }
    }

    // =================================================================== field sets

    /**
     * The fields a value sets: every scalar and atomic value, every list item, every map entry that is not a named
     * field of a struct, and empty maps. Throws when the value does not fit the type (strict: fields the schema does not
     * declare are errors too, as for an applied configuration).
     */
    public static FieldSet toFieldSet(JsonNode value, TypeDef type, boolean strict) throws TypedValueException {
        FieldSet set = new FieldSet();
        List<String> errors = new ArrayList<>();
        walkSet(new ArrayList<>(), value, type, set, strict, errors);
        if (!errors.isEmpty()) {
            throw new TypedValueException(String.join(", ", errors));
        }
        return set;
    }

    private static void walkSet(
            List<PathElement> path, JsonNode v, TypeDef t, FieldSet set, boolean strict, List<String> errors) {
        if (absent(v)) {
            return;
        }
        String mismatch = mismatch(v, t);
        if (mismatch != null) {
            if (strict) {
                errors.add(FieldSet.toString(path) + ": " + mismatch);
            }
            set.insert(path);
            return;
        }
        if (t.isAtomicFor(v)) {
            set.insert(path);
            return;
        }
        if (v.isArray()) {
            int i = 0;
            for (JsonNode item : v) {
                PathElement pe = itemElement(t, item, i++, path, errors);
                if (pe == null) {
                    continue;
                }
                List<PathElement> itemPath = append(path, pe);
                walkSet(itemPath, item, t.elementType(), set, strict, errors);
                set.insert(itemPath);
            }
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            List<PathElement> fieldPath = append(path, PathElement.field(e.getKey()));
            TypeDef ft = t.fieldType(e.getKey());
            if (ft == null) {
                if (strict) {
                    errors.add(FieldSet.toString(fieldPath) + ": field not declared in schema");
                    continue;
                }
                ft = TypeDef.UNTYPED;
            }
            JsonNode child = e.getValue();
            walkSet(fieldPath, child, ft, set, strict, errors);
            if (child.isNull() || (child.isObject() && child.isEmpty()) || !t.declares(e.getKey())) {
                set.insert(fieldPath);
            }
        }
    }

    /** Why a value does not fit its type, or null. */
    private static String mismatch(JsonNode v, TypeDef t) {
        switch (t.kind) {
            case SCALAR -> {
                if (v.isContainerNode()) {
                    return "expected " + scalarName(t.scalar) + ", got " + describe(v);
                }
                return switch (t.scalar) {
                    case STRING -> v.isTextual() ? null : "expected string, got " + describe(v);
                    case NUMERIC -> v.isNumber() ? null : "expected numeric (int or float), got " + describe(v);
                    case BOOLEAN -> v.isBoolean() ? null : "expected boolean, got " + describe(v);
                    case ANY -> null;
                };
            }
            case MAP -> {
                return v.isObject() ? null : "expected map, got " + describe(v);
            }
            case LIST -> {
                return v.isArray() ? null : "expected list, got " + describe(v);
            }
            default -> {
                return null;
            }
        }
    }

    private static String scalarName(TypeDef.ScalarType t) {
        return switch (t) {
            case STRING -> "string";
            case NUMERIC -> "numeric (int or float)";
            case BOOLEAN -> "boolean";
            case ANY -> "scalar";
        };
    }

    private static String describe(JsonNode v) {
        if (v.isTextual()) {
            return "string";
        }
        if (v.isNumber()) {
            return "numeric";
        }
        if (v.isBoolean()) {
            return "boolean";
        }
        return v.isArray()
                ? "list"
                : v.isObject() ? "map" : v.getNodeType().toString().toLowerCase();
    }

    /** The path element of a list item: its key fields, its value, or its index; null (with an error) if it has none. */
    static PathElement itemElement(
            TypeDef list, JsonNode item, int index, List<PathElement> listPath, List<String> errors) {
        switch (list.listType) {
            case MAP -> {
                if (list.keys.isEmpty() || !item.isObject()) {
                    return PathElement.index(index);
                }
                TypeDef itemType = list.elementType();
                Map<String, JsonNode> keys = new TreeMap<>();
                for (String k : list.keys) {
                    JsonNode kv = item.get(k);
                    if (absent(kv)) {
                        kv = itemType.fieldDefaults.get(k);
                    }
                    if (kv == null) {
                        if (errors != null) {
                            errors.add(FieldSet.toString(listPath) + ": element " + index
                                    + ": associative list with keys has an " + "element that omits key field \"" + k
                                    + "\" (and doesn't have default value)");
                        }
                        return null;
                    }
                    keys.put(k, kv);
                }
                return PathElement.key(keys);
            }
            case SET -> {
                return PathElement.value(item);
            }
            default -> {
                return PathElement.index(index);
            }
        }
    }

    private static PathElement itemElement(TypeDef list, JsonNode item, int index) {
        return itemElement(list, item, index, List.of(), null);
    }

    /** Each item of a granular list by its path element (first occurrence wins for duplicates). */
    private static LinkedHashMap<PathElement, JsonNode> index(TypeDef t, JsonNode list) {
        LinkedHashMap<PathElement, JsonNode> out = new LinkedHashMap<>();
        if (list == null || !list.isArray()) {
            return out;
        }
        int i = 0;
        for (JsonNode item : list) {
            PathElement pe = itemElement(t, item, i++);
            if (pe != null) {
                out.putIfAbsent(pe, item);
            }
        }
        return out;
    }

    // =================================================================== compare

    /** Compares an old and a new value: fields added, modified (leaves whose value changed) and removed. */
    public static Comparison compare(JsonNode oldValue, JsonNode newValue, TypeDef type) {
        Comparison c = new Comparison(new FieldSet(), new FieldSet(), new FieldSet());
        compare(new ArrayList<>(), nullIfAbsent(oldValue), nullIfAbsent(newValue), type, c);
        return c;
    }

    private static void compare(List<PathElement> path, JsonNode l, JsonNode r, TypeDef t, Comparison c) {
        JsonNode shape = r != null ? r : l;
        boolean leaf = t.isAtomicFor(shape)
                || mismatch(shape, t) != null
                || (l != null && r != null && l.getNodeType() != r.getNodeType());
        if (leaf) {
            if (l == null) {
                c.added().insert(path);
            } else if (r == null) {
                c.removed().insert(path);
            } else if (!sameValue(l, r)) {
                c.modified().insert(path);
            }
            return;
        }
        if (shape.isArray()) {
            LinkedHashMap<PathElement, JsonNode> li = index(t, l);
            LinkedHashMap<PathElement, JsonNode> ri = index(t, r);
            Set<PathElement> all = new java.util.LinkedHashSet<>(li.keySet());
            all.addAll(ri.keySet());
            for (PathElement pe : all) {
                compare(append(path, pe), li.get(pe), ri.get(pe), t.elementType(), c);
            }
        } else {
            Set<String> keys = new java.util.LinkedHashSet<>();
            if (l != null) {
                l.fieldNames().forEachRemaining(keys::add);
            }
            if (r != null) {
                r.fieldNames().forEachRemaining(keys::add);
            }
            for (String k : keys) {
                TypeDef ft = t.fieldType(k);
                compare(
                        append(path, PathElement.field(k)),
                        nullIfAbsent(l == null ? null : l.get(k)),
                        nullIfAbsent(r == null ? null : r.get(k)),
                        ft == null ? TypeDef.UNTYPED : ft,
                        c);
            }
        }
        if (!path.isEmpty()) {
            if (l == null) {
                c.added().insert(path);
            } else if (r == null) {
                c.removed().insert(path);
            }
        }
    }

    // =================================================================== merge

    /**
     * Merges an applied configuration into a live value: the configuration's scalars and atomic values win, maps merge
     * key by key, granular lists merge item by item (live order kept, new items placed as the API server places them).
     */
    public static JsonNode merge(JsonNode live, JsonNode config, TypeDef type) {
        JsonNode l = nullIfAbsent(live);
        JsonNode r = nullIfAbsent(config);
        if (r == null) {
            return l == null ? null : l.deepCopy();
        }
        if (l == null || type.isAtomicFor(r) || mismatch(r, type) != null || l.getNodeType() != r.getNodeType()) {
            return r.deepCopy();
        }
        if (r.isArray()) {
            return mergeList((ArrayNode) l, (ArrayNode) r, type);
        }
        ObjectNode out = NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = l.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode rv = nullIfAbsent(r.get(e.getKey()));
            if (rv == null) {
                if (!e.getValue().isNull()) {
                    out.set(e.getKey(), e.getValue().deepCopy());
                }
            } else {
                TypeDef ft = type.fieldType(e.getKey());
                JsonNode merged = merge(e.getValue(), rv, ft == null ? TypeDef.UNTYPED : ft);
                if (merged != null) {
                    out.set(e.getKey(), merged);
                }
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = r.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!out.has(e.getKey()) && !e.getValue().isNull()) {
                out.set(e.getKey(), e.getValue().deepCopy());
            }
        }
        return out;
    }

    /** structured-merge-diff's list merge: walks both lists, keeping live items in place and the config's order for shared ones. */
    private static ArrayNode mergeList(ArrayNode lhs, ArrayNode rhs, TypeDef t) {
        List<PathElement> lhsPes = new ArrayList<>();
        List<JsonNode> lhsItems = new ArrayList<>();
        Map<PathElement, JsonNode> observedLhs = new LinkedHashMap<>();
        int i = 0;
        for (JsonNode item : lhs) {
            PathElement pe = itemElement(t, item, i++);
            lhsPes.add(pe);
            lhsItems.add(item);
            observedLhs.putIfAbsent(pe, item);
        }
        List<PathElement> rhsPes = new ArrayList<>();
        Map<PathElement, JsonNode> observedRhs = new LinkedHashMap<>();
        i = 0;
        for (JsonNode item : rhs) {
            PathElement pe = itemElement(t, item, i++);
            if (observedRhs.putIfAbsent(pe, item) == null) {
                rhsPes.add(pe);
            }
        }
        List<PathElement> sharedOrder = new ArrayList<>();
        for (PathElement pe : rhsPes) {
            if (observedLhs.containsKey(pe)) {
                sharedOrder.add(pe);
            }
        }
        int shared = 0;
        PathElement nextShared = sharedOrder.isEmpty() ? null : sharedOrder.get(shared++);
        Set<PathElement> mergedRhs = new HashSet<>();
        ArrayNode out = NODES.arrayNode();
        TypeDef et = t.elementType();
        int lI = 0;
        int rI = 0;
        int lLen = lhsPes.size();
        int rLen = rhsPes.size();
        while (lI < lLen || rI < rLen) {
            if (lI < lLen && rI < rLen) {
                PathElement pe = lhsPes.get(lI);
                if (pe.equals(rhsPes.get(rI))) {
                    mergedRhs.add(pe);
                    addIfPresent(out, merge(observedLhs.get(pe), observedRhs.get(pe), et));
                    lI++;
                    rI++;
                    nextShared = shared < sharedOrder.size() ? sharedOrder.get(shared++) : null;
                    continue;
                }
                if (observedRhs.containsKey(pe) && nextShared != null && !nextShared.equals(pe)) {
                    lI++;
                    continue;
                }
            }
            if (lI < lLen) {
                PathElement pe = lhsPes.get(lI);
                if (!observedRhs.containsKey(pe)) {
                    addIfPresent(out, lhsItems.get(lI).deepCopy());
                    lI++;
                    continue;
                } else if (mergedRhs.contains(pe)) {
                    lI++;
                    continue;
                }
            }
            if (rI < rLen) {
                PathElement pe = rhsPes.get(rI);
                mergedRhs.add(pe);
                addIfPresent(out, merge(observedLhs.get(pe), observedRhs.get(pe), et));
                rI++;
                if (nextShared != null && nextShared.equals(pe)) {
                    nextShared = shared < sharedOrder.size() ? sharedOrder.get(shared++) : null;
                }
            }
        }
        return out;
    }

    private static void addIfPresent(ArrayNode out, JsonNode v) {
        if (v != null) {
            out.add(v);
        }
    }

    // =================================================================== removal

    /** A copy of the value without the set's members (a member removes the field or item with all below it). */
    public static JsonNode removeItems(JsonNode value, FieldSet set, TypeDef type) {
        JsonNode v = nullIfAbsent(value);
        if (v == null) {
            return null;
        }
        if (type.isAtomicFor(v) || mismatch(v, type) != null) {
            return v.deepCopy();
        }
        if (v.isArray()) {
            ArrayNode out = NODES.arrayNode();
            int i = 0;
            for (JsonNode item : v) {
                PathElement pe = itemElement(type, item, i++);
                if (pe != null && set.hasMember(pe)) {
                    continue;
                }
                FieldSet sub = pe == null ? null : set.child(pe);
                out.add(sub == null ? item.deepCopy() : removeItems(item, sub, type.elementType()));
            }
            return out;
        }
        ObjectNode out = NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            PathElement pe = PathElement.field(e.getKey());
            if (set.hasMember(pe)) {
                continue;
            }
            FieldSet sub = set.child(pe);
            if (sub == null) {
                out.set(e.getKey(), e.getValue().deepCopy());
            } else {
                TypeDef ft = type.fieldType(e.getKey());
                JsonNode kept = removeItems(e.getValue(), sub, ft == null ? TypeDef.UNTYPED : ft);
                if (kept != null) {
                    out.set(e.getKey(), kept);
                }
            }
        }
        return out;
    }

    /**
     * The set plus, along its paths, every named field of a struct as a member (so removing the set also removes a
     * struct that only existed for those fields, while maps and list items are left in place).
     */
    public static FieldSet withNamedFieldsAsMembers(FieldSet set, TypeDef type) {
        FieldSet out = new FieldSet();
        ensureNamed(set, type, out);
        return out;
    }

    private static void ensureNamed(FieldSet set, TypeDef type, FieldSet out) {
        for (List<PathElement> p : membersOnly(set)) {
            out.insert(p);
        }
        for (Map.Entry<PathElement, FieldSet> e : set.childEntries()) {
            PathElement pe = e.getKey();
            TypeDef childType;
            if (pe.isField()) {
                if (type.kind == TypeDef.Kind.MAP && type.declares(pe.fieldName())) {
                    out.addMember(pe);
                }
                childType = type.fieldType(pe.fieldName());
            } else {
                childType = type.elementType();
            }
            FieldSet sub = new FieldSet();
            ensureNamed(e.getValue(), childType == null ? TypeDef.UNTYPED : childType, sub);
            if (!sub.isEmpty()) {
                out.insertChild(pe, sub);
            }
        }
    }

    private static List<List<PathElement>> membersOnly(FieldSet set) {
        List<List<PathElement>> out = new ArrayList<>();
        set.forEachMember(pe -> out.add(List.of(pe)));
        return out;
    }

    // =================================================================== serialisation

    /**
     * What the API server's encoding does to a built-in object: null fields disappear, and so do empty lists and
     * empty Go maps (labels, data...) unless the schema requires them. Structs stay, even when empty.
     */
    public static JsonNode omitEmpty(JsonNode value, TypeDef type) {
        if (value == null || !value.isContainerNode()) {
            return value;
        }
        if (value.isArray()) {
            if (type.kind != TypeDef.Kind.LIST) {
                return value;
            }
            ArrayNode out = NODES.arrayNode();
            TypeDef et = type.elementType();
            value.forEach(item -> out.add(item.isNull() ? item : omitEmpty(item, et)));
            return out;
        }
        if (type.kind != TypeDef.Kind.MAP) {
            return value;
        }
        ObjectNode out = NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isNull()) {
                continue;
            }
            TypeDef ft = type.fieldType(e.getKey());
            JsonNode child = ft == null ? v : omitEmpty(v, ft);
            boolean emptyCollection =
                    child.isContainerNode() && child.isEmpty() && (child.isArray() || (ft != null && ft.isPlainMap()));
            if (emptyCollection && !type.required.contains(e.getKey())) {
                continue;
            }
            out.set(e.getKey(), child);
        }
        return out;
    }

    // =================================================================== helpers

    /** Numbers compare by value (253 parsed as an int and as a long are one value), everything else as JSON. */
    private static final java.util.Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    /** Equality as the API server sees it: JSON equality with numbers compared by value. */
    public static boolean sameValue(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.equals(NUMBERS_BY_VALUE, b);
    }

    static boolean absent(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode();
    }

    private static JsonNode nullIfAbsent(JsonNode n) {
        return absent(n) ? null : n;
    }

    private static List<PathElement> append(List<PathElement> path, PathElement pe) {
        List<PathElement> p = new ArrayList<>(path.size() + 1);
        p.addAll(path);
        p.add(pe);
        return p;
    }
}
