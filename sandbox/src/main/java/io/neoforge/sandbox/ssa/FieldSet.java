package io.neoforge.sandbox.ssa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * A set of field paths, stored as structured-merge-diff stores it: at each level the path elements that end a path
 * (members) and the elements that lead further (children). A node can be both, which {@code fieldsV1} writes as
 * {@code ".": {}}. Mutable; the operations that combine sets return new ones.
 */
public final class FieldSet {

    private final TreeSet<PathElement> members = new TreeSet<>();
    private final TreeMap<PathElement, FieldSet> children = new TreeMap<>();

    public static FieldSet of(List<List<PathElement>> paths) {
        FieldSet s = new FieldSet();
        paths.forEach(s::insert);
        return s;
    }

    /** Parses {@code fieldsV1}. */
    public static FieldSet fromFieldsV1(JsonNode fieldsV1) {
        FieldSet s = new FieldSet();
        if (fieldsV1 == null || !fieldsV1.isObject()) {
            return s;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = fieldsV1.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals(".")) {
                continue; // handled by the parent
            }
            PathElement pe = PathElement.parse(e.getKey());
            JsonNode sub = e.getValue();
            boolean hasChildren = false;
            boolean selfMember = false;
            for (Iterator<String> names = sub.fieldNames(); names.hasNext(); ) {
                if (names.next().equals(".")) {
                    selfMember = true;
                } else {
                    hasChildren = true;
                }
            }
            if (!hasChildren || selfMember) {
                s.members.add(pe);
            }
            if (hasChildren) {
                FieldSet child = fromFieldsV1(sub);
                if (!child.isEmpty()) {
                    s.children.put(pe, child);
                }
            }
        }
        return s;
    }

    /** The {@code fieldsV1} form. */
    public ObjectNode toFieldsV1() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        TreeSet<PathElement> all = new TreeSet<>(members);
        all.addAll(children.keySet());
        for (PathElement pe : all) {
            FieldSet child = children.get(pe);
            ObjectNode node = child == null ? JsonNodeFactory.instance.objectNode() : child.toFieldsV1();
            if (child != null && members.contains(pe)) {
                ObjectNode withSelf = JsonNodeFactory.instance.objectNode();
                withSelf.putObject(".");
                withSelf.setAll(node);
                node = withSelf;
            }
            out.set(pe.encoded(), node);
        }
        return out;
    }

    public void insert(List<PathElement> path) {
        if (path.isEmpty()) {
            return;
        }
        FieldSet node = this;
        for (int i = 0; i < path.size() - 1; i++) {
            node = node.children.computeIfAbsent(path.get(i), k -> new FieldSet());
        }
        node.members.add(path.get(path.size() - 1));
    }

    public boolean has(List<PathElement> path) {
        if (path.isEmpty()) {
            return false;
        }
        FieldSet node = this;
        for (int i = 0; i < path.size() - 1; i++) {
            node = node.children.get(path.get(i));
            if (node == null) {
                return false;
            }
        }
        return node.members.contains(path.get(path.size() - 1));
    }

    public boolean isEmpty() {
        if (!members.isEmpty()) {
            return false;
        }
        for (FieldSet c : children.values()) {
            if (!c.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    boolean hasMember(PathElement pe) {
        return members.contains(pe);
    }

    void addMember(PathElement pe) {
        members.add(pe);
    }

    void forEachMember(Consumer<PathElement> consumer) {
        members.forEach(consumer);
    }

    /** Merges a set in below one element. */
    void insertChild(PathElement pe, FieldSet sub) {
        FieldSet mine = children.get(pe);
        children.put(pe, mine == null ? sub : mine.union(sub));
    }

    /** The set below one element (null when there is none). */
    FieldSet child(PathElement pe) {
        return children.get(pe);
    }

    Iterable<Map.Entry<PathElement, FieldSet>> childEntries() {
        return children.entrySet();
    }

    public FieldSet copy() {
        FieldSet c = new FieldSet();
        c.members.addAll(members);
        children.forEach((pe, s) -> c.children.put(pe, s.copy()));
        return c;
    }

    public FieldSet union(FieldSet o) {
        FieldSet r = copy();
        r.members.addAll(o.members);
        o.children.forEach((pe, s) -> {
            FieldSet mine = r.children.get(pe);
            r.children.put(pe, mine == null ? s.copy() : mine.union(s));
        });
        return r;
    }

    public FieldSet intersection(FieldSet o) {
        FieldSet r = new FieldSet();
        for (PathElement pe : members) {
            if (o.members.contains(pe)) {
                r.members.add(pe);
            }
        }
        children.forEach((pe, s) -> {
            FieldSet theirs = o.children.get(pe);
            if (theirs != null) {
                FieldSet i = s.intersection(theirs);
                if (!i.isEmpty()) {
                    r.children.put(pe, i);
                }
            }
        });
        return r;
    }

    /** Paths of this set that the other lacks (members compared level by level). */
    public FieldSet difference(FieldSet o) {
        FieldSet r = new FieldSet();
        for (PathElement pe : members) {
            if (!o.members.contains(pe)) {
                r.members.add(pe);
            }
        }
        children.forEach((pe, s) -> {
            FieldSet theirs = o.children.get(pe);
            FieldSet d = theirs == null ? s.copy() : s.difference(theirs);
            if (!d.isEmpty()) {
                r.children.put(pe, d);
            }
        });
        return r;
    }

    /** Like {@link #difference} but a member of the other set also removes everything below it. */
    public FieldSet recursiveDifference(FieldSet o) {
        FieldSet r = new FieldSet();
        for (PathElement pe : members) {
            if (!o.members.contains(pe)) {
                r.members.add(pe);
            }
        }
        children.forEach((pe, s) -> {
            if (o.members.contains(pe)) {
                return;
            }
            FieldSet theirs = o.children.get(pe);
            FieldSet d = theirs == null ? s.copy() : s.recursiveDifference(theirs);
            if (!d.isEmpty()) {
                r.children.put(pe, d);
            }
        });
        return r;
    }

    /** Only the paths that start with the element (e.g. {@code f:status}). */
    public FieldSet onlyUnder(PathElement pe) {
        FieldSet r = new FieldSet();
        if (members.contains(pe)) {
            r.members.add(pe);
        }
        FieldSet c = children.get(pe);
        if (c != null) {
            r.children.put(pe, c.copy());
        }
        return r;
    }

    /** Every path of the set, members in path order. */
    public void forEachPath(Consumer<List<PathElement>> consumer) {
        forEachPath(new ArrayList<>(), consumer);
    }

    private void forEachPath(List<PathElement> prefix, Consumer<List<PathElement>> consumer) {
        TreeSet<PathElement> all = new TreeSet<>(members);
        all.addAll(children.keySet());
        for (PathElement pe : all) {
            prefix.add(pe);
            if (members.contains(pe)) {
                consumer.accept(List.copyOf(prefix));
            }
            FieldSet c = children.get(pe);
            if (c != null) {
                c.forEachPath(prefix, consumer);
            }
            prefix.remove(prefix.size() - 1);
        }
    }

    public List<List<PathElement>> paths() {
        List<List<PathElement>> out = new ArrayList<>();
        forEachPath(out::add);
        return out;
    }

    public static String toString(List<PathElement> path) {
        StringBuilder sb = new StringBuilder();
        path.forEach(sb::append);
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldSet s && s.toFieldsV1().equals(toFieldsV1());
    }

    @Override
    public int hashCode() {
        return toFieldsV1().hashCode();
    }

    @Override
    public String toString() {
        return toFieldsV1().toString();
    }
}
