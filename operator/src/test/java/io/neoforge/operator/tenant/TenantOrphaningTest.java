package io.neoforge.operator.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Namespace;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TenantOrphaningTest {

    /** A kind the workflow owns but orphaning missed would be garbage-collected when the Tenant CRD is deleted. */
    @Test
    void releasesEveryKindTheTenantWorkflowOwnsInTheNamespace() {
        Set<Type> owned = Arrays.stream(
                        TenantReconciler.class.getAnnotation(Workflow.class).dependents())
                .map(Dependent::type)
                .filter(KubernetesDependentResource.class::isAssignableFrom)
                .map(TenantOrphaningTest::resourceType)
                .filter(type -> type != Namespace.class)
                .collect(Collectors.toSet());

        assertThat(owned).isNotEmpty();
        assertThat(Set.copyOf(TenantOrphaning.OWNED_KINDS)).isEqualTo(owned);
    }

    /** The R of a dependent declared as {@code extends SomeDependentResource<R, Tenant>} (possibly via a base). */
    private static Type resourceType(Class<?> dependent) {
        for (Class<?> c = dependent; c != null; c = c.getSuperclass()) {
            if (c.getGenericSuperclass() instanceof ParameterizedType parameterized) {
                Type first = parameterized.getActualTypeArguments()[0];
                if (first instanceof Class<?>) {
                    return first;
                }
            }
        }
        throw new AssertionError(dependent + " names no resource type");
    }
}
