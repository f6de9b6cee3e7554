package io.neoforge.sandbox;

import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;
import io.fabric8.mockwebserver.crud.Value;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * The mock's object store (attributes → JSON) with an index by resource plural, namespace and name, so that a GET,
 * a write's existence check and a list cost what they cost on an API server instead of a scan of every stored object
 * (Fabric8's store is a plain map; with thousands of tenants the scans dominated every request).
 *
 * <p>Lookups return exactly what a scan with {@link AttributeSet#matches} would: the index only narrows the
 * candidates. Lists come in namespace/name order, as etcd keys give them on a real API server. Every method
 * synchronizes on the store itself, as the mock's {@code Collections.synchronizedMap} did, so the mock's own
 * {@code synchronized (map)} blocks keep working.
 */
final class IndexedStore implements Map<AttributeSet, String> {

    private static final String PLURAL = "plural";
    private static final String NAMESPACE = "namespace";
    private static final String NAME = "name";
    private static final String ANY = "*";

    private final Map<AttributeSet, String> all = new LinkedHashMap<>();
    /** plural → "namespace/name" → keys (more than one when two API versions store an object of the same name). */
    private final Map<String, NavigableMap<String, Set<AttributeSet>>> index = new HashMap<>();
    /** Keys without a plural or a name, which the index cannot place; every lookup considers them. */
    private final Set<AttributeSet> unindexed = new LinkedHashSet<>();

    /** The first stored entry whose attributes match the query, or null. */
    synchronized Map.Entry<AttributeSet, String> first(AttributeSet query) {
        for (AttributeSet key : candidates(query)) {
            if (key.matches(query)) {
                return Map.entry(key, all.get(key));
            }
        }
        return null;
    }

    /** Every stored entry whose attributes match the query, in namespace/name order. */
    synchronized List<Map.Entry<AttributeSet, String>> matching(AttributeSet query) {
        List<Map.Entry<AttributeSet, String>> found = new ArrayList<>();
        for (AttributeSet key : candidates(query)) {
            if (key.matches(query)) {
                found.add(Map.entry(key, all.get(key)));
            }
        }
        return found;
    }

    private Collection<AttributeSet> candidates(AttributeSet query) {
        String plural = exact(query, PLURAL);
        if (plural == null) {
            return new ArrayList<>(all.keySet());
        }
        List<AttributeSet> keys = new ArrayList<>();
        NavigableMap<String, Set<AttributeSet>> byName = index.getOrDefault(plural, Collections.emptyNavigableMap());
        String name = exact(query, NAME);
        String namespace = exact(query, NAMESPACE);
        if (name != null && (namespace != null || !query.containsKey(NAMESPACE))) {
            Set<AttributeSet> hit = byName.get(slot(namespace, name));
            if (hit != null) {
                keys.addAll(hit);
            } else if (namespace == null) {
                // not cluster-scoped: a namespaced object asked for by name alone (no namespace in the query), scan the
                // plural
                byName.values().forEach(keys::addAll);
            }
        } else if (namespace != null) {
            byName.subMap(namespace + "/", true, namespace + "0", false)
                    .values()
                    .forEach(keys::addAll);
        } else {
            byName.values().forEach(keys::addAll);
        }
        keys.addAll(unindexed);
        return keys;
    }

    /** The single value a query requires for a key, or null when it requires no exact value. */
    private static String exact(AttributeSet set, String key) {
        Attribute a = set.getAttribute(key);
        if (a == null || a.getType() != AttributeType.WITH || a.getValues().size() != 1) {
            return null;
        }
        Value v = a.getValues().get(0);
        String s = v == null ? null : v.toString();
        return s == null || s.equals(ANY) ? null : s;
    }

    private static String slot(String namespace, String name) {
        return (namespace == null ? "" : namespace) + "/" + name;
    }

    private void addToIndex(AttributeSet key) {
        String plural = exact(key, PLURAL);
        String name = exact(key, NAME);
        if (plural == null || name == null) {
            unindexed.add(key);
            return;
        }
        index.computeIfAbsent(plural, p -> new TreeMap<>())
                .computeIfAbsent(slot(exact(key, NAMESPACE), name), s -> new LinkedHashSet<>(2))
                .add(key);
    }

    private void removeFromIndex(AttributeSet key) {
        if (unindexed.remove(key)) {
            return;
        }
        NavigableMap<String, Set<AttributeSet>> byName = index.get(exact(key, PLURAL));
        if (byName == null) {
            return;
        }
        String slot = slot(exact(key, NAMESPACE), exact(key, NAME));
        Set<AttributeSet> keys = byName.get(slot);
        if (keys != null) {
            keys.remove(key);
            if (keys.isEmpty()) {
                byName.remove(slot);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ Map

    @Override
    public synchronized String put(AttributeSet key, String value) {
        String previous = all.put(key, value);
        if (previous == null) {
            addToIndex(key);
        }
        return previous;
    }

    @Override
    public synchronized String remove(Object key) {
        if (!(key instanceof AttributeSet set) || !all.containsKey(set)) {
            return null;
        }
        removeFromIndex(set);
        return all.remove(set);
    }

    @Override
    public synchronized void putAll(Map<? extends AttributeSet, ? extends String> m) {
        m.forEach(this::put);
    }

    @Override
    public synchronized void clear() {
        all.clear();
        index.clear();
        unindexed.clear();
    }

    @Override
    public synchronized String get(Object key) {
        return all.get(key);
    }

    @Override
    public synchronized boolean containsKey(Object key) {
        return all.containsKey(key);
    }

    @Override
    public synchronized boolean containsValue(Object value) {
        return all.containsValue(value);
    }

    @Override
    public synchronized int size() {
        return all.size();
    }

    @Override
    public synchronized boolean isEmpty() {
        return all.isEmpty();
    }

    @Override
    public synchronized void forEach(BiConsumer<? super AttributeSet, ? super String> action) {
        all.forEach(action);
    }

    /** Read-only views: every write goes through put/remove so that the index stays true. */
    @Override
    public Set<AttributeSet> keySet() {
        return Collections.unmodifiableSet(all.keySet());
    }

    @Override
    public Collection<String> values() {
        return Collections.unmodifiableCollection(all.values());
    }

    @Override
    public Set<Entry<AttributeSet, String>> entrySet() {
        return Collections.unmodifiableSet(all.entrySet());
    }

    @Override
    public synchronized boolean equals(Object o) {
        return o == this || all.equals(o);
    }

    @Override
    public synchronized int hashCode() {
        return all.hashCode();
    }
}
