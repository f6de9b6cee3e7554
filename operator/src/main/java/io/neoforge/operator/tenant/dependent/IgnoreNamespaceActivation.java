package io.neoforge.operator.tenant.dependent;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceSpec;
import io.fabric8.kubernetes.api.model.NamespaceStatus;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.Objects;

/**
 * Drops the update in which the namespace controller marks a new namespace Active: nothing the operator decides
 * or reports depends on it (only deletion does), and without this filter every new tenant was reconciled once
 * more for it, with all fifteen parts matched again.
 */
public class IgnoreNamespaceActivation implements OnUpdateFilter<Namespace> {

    @Override
    public boolean accept(Namespace updated, Namespace old) {
        boolean activated = phase(old) == null && "Active".equals(phase(updated));
        return !(activated && sameExceptStatus(updated, old));
    }

    private static String phase(Namespace namespace) {
        NamespaceStatus status = namespace.getStatus();
        return status == null ? null : status.getPhase();
    }

    private static boolean sameExceptStatus(Namespace a, Namespace b) {
        ObjectMeta x = a.getMetadata();
        ObjectMeta y = b.getMetadata();
        return Objects.equals(x.getLabels(), y.getLabels())
                && Objects.equals(x.getAnnotations(), y.getAnnotations())
                && Objects.equals(x.getDeletionTimestamp(), y.getDeletionTimestamp())
                && Objects.equals(x.getFinalizers(), y.getFinalizers())
                && Objects.equals(finalizers(a.getSpec()), finalizers(b.getSpec()));
    }

    private static Object finalizers(NamespaceSpec spec) {
        return spec == null ? null : spec.getFinalizers();
    }
}
