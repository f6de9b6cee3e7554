package io.neoforge.sandbox.ssa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Field management as the Kubernetes API server does it (structured-merge-diff's Updater with the API server's
 * metadata stripping and reset fields). An {@linkplain #update update} (create, PUT, JSON/merge/strategic patch)
 * makes its manager own what it added or changed and takes those fields away from everyone else; an
 * {@linkplain #apply apply} merges a configuration, makes its manager own exactly the fields it applied, removes
 * fields the manager applied before and nobody owns any more, and refuses (or with force, takes over) fields
 * another manager owns with a different value.
 */
public final class FieldManager {

    /** Which part of the object a request may change. */
    public enum Scope {
        /** The whole object (a kind without a status subresource). */
        ALL,
        /** The main resource of a kind with a status subresource: status is reset to the live one. */
        WITHOUT_STATUS,
        /** The status subresource: everything but status is reset to the live one. */
        STATUS_ONLY
    }

    /** The merged object and the managed fields that go with it. */
    public record Result(ObjectNode object, List<ManagedFieldsEntry> managedFields) {}

    private static final PathElement METADATA = PathElement.field("metadata");
    private static final PathElement STATUS = PathElement.field("status");
    private static final FieldSet STRIPPED = strippedFields();

    private FieldManager() {}

    private static FieldSet strippedFields() {
        FieldSet s = new FieldSet();
        s.insert(List.of(PathElement.field("apiVersion")));
        s.insert(List.of(PathElement.field("kind")));
        s.insert(List.of(METADATA));
        for (String f : List.of(
                "name",
                "namespace",
                "creationTimestamp",
                "selfLink",
                "uid",
                "clusterName",
                "generation",
                "managedFields",
                "resourceVersion")) {
            s.insert(List.of(METADATA, PathElement.field(f)));
        }
        return s;
    }

    /**
     * A non-apply write by {@code manager}. {@code live} is null for a create. Returns the new managed fields.
     */
    public static List<ManagedFieldsEntry> update(
            JsonNode live,
            JsonNode next,
            TypeDef type,
            List<ManagedFieldsEntry> entries,
            String manager,
            String apiVersion,
            String subresource,
            Scope scope,
            String now) {
        JsonNode old = live == null ? JsonNodeFactory.instance.objectNode() : live;
        TypedValues.Comparison c = exclude(TypedValues.compare(old, next, type), scope);
        if (c.isSame()) {
            return entries;
        }
        List<ManagedFieldsEntry> out = new ArrayList<>();
        int minePosition = -1;
        ManagedFieldsEntry mine = null;
        FieldSet changed = c.modified().union(c.added());
        for (ManagedFieldsEntry e : entries) {
            if (e.sameOwner(manager, ManagedFieldsEntry.UPDATE, apiVersion, subresource)) {
                mine = e;
                minePosition = out.size();
                continue;
            }
            FieldSet kept = e.fields().difference(changed).difference(c.removed());
            if (!kept.isEmpty()) {
                out.add(kept.equals(e.fields()) ? e : e.withFields(kept));
            }
        }
        FieldSet set = (mine == null ? new FieldSet() : mine.fields())
                .difference(c.removed())
                .union(c.modified())
                .union(c.added())
                .difference(STRIPPED);
        set = ignoreReset(set, scope);
        if (!set.isEmpty()) {
            String time = mine != null && set.equals(mine.fields()) ? mine.time() : now;
            ManagedFieldsEntry entry =
                    new ManagedFieldsEntry(manager, ManagedFieldsEntry.UPDATE, apiVersion, time, subresource, set);
            out.add(minePosition >= 0 ? minePosition : out.size(), entry);
        }
        return out;
    }

    /**
     * An apply of {@code config} by {@code manager}. {@code live} is null when the apply creates the object.
     *
     * @throws TypedValueException the configuration does not fit the schema (the API server answers 500)
     * @throws ApplyConflictException fields another manager owns would change, and {@code force} is false
     */
    public static Result apply(
            ObjectNode live,
            ObjectNode config,
            TypeDef type,
            List<ManagedFieldsEntry> entries,
            String manager,
            String apiVersion,
            String subresource,
            Scope scope,
            boolean force,
            String now)
            throws TypedValueException, ApplyConflictException {
        ObjectNode old = live == null ? JsonNodeFactory.instance.objectNode() : live;
        FieldSet applied = ignoreReset(
                TypedValues.toFieldSet(config, type, type.kind != TypeDef.Kind.UNTYPED)
                        .difference(STRIPPED),
                scope);
        ObjectNode merged = (ObjectNode) TypedValues.merge(old, config, type);
        ManagedFieldsEntry last = null;
        int lastPosition = -1;
        List<ManagedFieldsEntry> others = new ArrayList<>();
        for (ManagedFieldsEntry e : entries) {
            if (e.sameOwner(manager, ManagedFieldsEntry.APPLY, apiVersion, subresource)) {
                last = e;
                lastPosition = others.size();
            } else {
                others.add(e);
            }
        }
        if (last != null && !last.fields().isEmpty()) {
            FieldSet owned = applied;
            for (ManagedFieldsEntry e : others) {
                owned = owned.union(e.fields());
            }
            FieldSet noLongerOwned = TypedValues.withNamedFieldsAsMembers(last.fields(), type)
                    .difference(TypedValues.withNamedFieldsAsMembers(owned, type));
            merged = (ObjectNode) TypedValues.removeItems(merged, noLongerOwned, type);
        }
        merged = reset(old, merged, scope);
        TypedValues.Comparison c = exclude(TypedValues.compare(old, merged, type), scope);
        FieldSet changed = c.modified().union(c.added());
        List<ApplyConflictException.Conflict> conflicts = new ArrayList<>();
        List<ManagedFieldsEntry> out = new ArrayList<>();
        int position = -1;
        for (int i = 0; i < others.size(); i++) {
            if (i == lastPosition) {
                position = out.size();
            }
            ManagedFieldsEntry e = others.get(i);
            FieldSet conflicting = e.fields().intersection(changed);
            conflicting.forEachPath(
                    p -> conflicts.add(new ApplyConflictException.Conflict(e.describe(), FieldSet.toString(p))));
            FieldSet kept = e.fields().difference(conflicting).difference(c.removed());
            if (!kept.isEmpty()) {
                out.add(kept.equals(e.fields()) ? e : e.withFields(kept));
            }
        }
        if (!force && !conflicts.isEmpty()) {
            throw new ApplyConflictException(conflicts);
        }
        if (!applied.isEmpty()) {
            String time = last != null && applied.equals(last.fields()) ? last.time() : now;
            ManagedFieldsEntry entry =
                    new ManagedFieldsEntry(manager, ManagedFieldsEntry.APPLY, apiVersion, time, subresource, applied);
            out.add(position >= 0 ? position : out.size(), entry);
        }
        return new Result(merged, out);
    }

    /** The object as the request may change it: the other part taken from the live object. */
    public static ObjectNode reset(JsonNode live, ObjectNode next, Scope scope) {
        switch (scope) {
            case WITHOUT_STATUS -> {
                ObjectNode out = next.deepCopy();
                if (live != null && live.has("status")) {
                    out.set("status", live.get("status").deepCopy());
                } else {
                    out.remove("status");
                }
                return out;
            }
            case STATUS_ONLY -> {
                ObjectNode out = live == null ? JsonNodeFactory.instance.objectNode() : ((ObjectNode) live).deepCopy();
                if (next.has("status")) {
                    out.set("status", next.get("status").deepCopy());
                } else {
                    out.remove("status");
                }
                return out;
            }
            default -> {
                return next;
            }
        }
    }

    private static FieldSet ignoreReset(FieldSet set, Scope scope) {
        return switch (scope) {
            case WITHOUT_STATUS -> set.recursiveDifference(FieldSet.of(List.of(List.of(STATUS))));
            case STATUS_ONLY -> set.onlyUnder(STATUS);
            case ALL -> set;
        };
    }

    private static TypedValues.Comparison exclude(TypedValues.Comparison c, Scope scope) {
        return new TypedValues.Comparison(
                ignoreReset(c.added(), scope), ignoreReset(c.modified(), scope), ignoreReset(c.removed(), scope));
    }
}
