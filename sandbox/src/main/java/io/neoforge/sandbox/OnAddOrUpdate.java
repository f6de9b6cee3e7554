package io.neoforge.sandbox;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.function.Consumer;

/** An informer handler that hands every added or updated object (its latest state) to one consumer. */
public final class OnAddOrUpdate<T> implements ResourceEventHandler<T> {
    private final Consumer<T> onChange;

    private OnAddOrUpdate(Consumer<T> onChange) {
        this.onChange = onChange;
    }

    public static <T> OnAddOrUpdate<T> of(Consumer<T> onChange) {
        return new OnAddOrUpdate<>(onChange);
    }

    @Override
    public void onAdd(T obj) {
        onChange.accept(obj);
    }

    @Override
    public void onUpdate(T oldObj, T newObj) {
        onChange.accept(newObj);
    }

    @Override
    public void onDelete(T obj, boolean deletedFinalStateUnknown) {
        // deletions need no reaction here
    }
}
