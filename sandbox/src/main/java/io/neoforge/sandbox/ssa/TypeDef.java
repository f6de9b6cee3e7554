package io.neoforge.sandbox.ssa;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The shape of a value as server-side apply sees it: a scalar, a map (a struct with named fields and/or arbitrary
 * keys; granular or atomic), a list (atomic, a set of scalars, or a map keyed by some fields of its items) or an
 * untyped value whose shape is deduced from the value itself. Field and element types resolve lazily, so recursive
 * schemas work.
 */
public final class TypeDef {

    public enum Kind {
        SCALAR,
        MAP,
        LIST,
        UNTYPED
    }

    public enum ListType {
        ATOMIC,
        SET,
        MAP
    }

    public enum ScalarType {
        STRING,
        NUMERIC,
        BOOLEAN,
        ANY
    }

    /** The deduced type: maps are granular with deduced values, lists are atomic, scalars anything. */
    public static final TypeDef UNTYPED = new TypeDef(Kind.UNTYPED);

    final Kind kind;
    ScalarType scalar = ScalarType.ANY;
    boolean atomic;
    final Map<String, Supplier<TypeDef>> fields = new LinkedHashMap<>();
    /** Defaults of fields (used for list-map keys the API server defaults, such as a port's protocol). */
    final Map<String, JsonNode> fieldDefaults = new LinkedHashMap<>();
    /** Fields the schema requires (kept even when empty). */
    final java.util.Set<String> required = new java.util.HashSet<>();

    Supplier<TypeDef> element;
    ListType listType = ListType.ATOMIC;
    List<String> keys = List.of();

    TypeDef(Kind kind) {
        this.kind = kind;
    }

    static TypeDef scalar(ScalarType t) {
        TypeDef d = new TypeDef(Kind.SCALAR);
        d.scalar = t;
        return d;
    }

    public Kind kind() {
        return kind;
    }

    /** Type of a map's field: a declared field, else the element type, else null (not declared in the schema). */
    TypeDef fieldType(String name) {
        Supplier<TypeDef> f = fields.get(name);
        if (f != null) {
            return f.get();
        }
        if (kind == Kind.UNTYPED) {
            return UNTYPED;
        }
        return element == null ? null : element.get();
    }

    boolean declares(String name) {
        return fields.containsKey(name);
    }

    TypeDef elementType() {
        if (kind == Kind.UNTYPED) {
            return UNTYPED;
        }
        return element == null ? UNTYPED : element.get();
    }

    /** The effective type for a value: untyped values are maps or atomic lists depending on what they are. */
    boolean isAtomicFor(JsonNode value) {
        return switch (kind) {
            case SCALAR -> true;
            case MAP -> atomic;
            case LIST -> listType == ListType.ATOMIC;
            case UNTYPED -> !value.isObject();
        };
    }

    /** Whether a value of this type is walked as a map (struct or untyped object). */
    boolean isMapFor(JsonNode value) {
        return (kind == Kind.MAP && !atomic) || (kind == Kind.UNTYPED && value.isObject());
    }

    /** A Go map: a map type with arbitrary keys and no named fields (Go's omitempty drops it when empty). */
    boolean isPlainMap() {
        return kind == Kind.MAP && fields.isEmpty() && element != null;
    }

    boolean isGranularList() {
        return kind == Kind.LIST && listType != ListType.ATOMIC;
    }
}
