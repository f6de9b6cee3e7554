package io.neoforge.operator.tenant.dependent;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.operator.tenant.TenantLabels;
import java.net.HttpURLConnection;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

/**
 * Takes back an owned object that exists but is missing from the operator's cache. The informers select by label,
 * so an object whose {@value TenantLabels#MANAGED_BY} label was removed looks deleted, and JOSDK creates it again:
 * a plain create answers 409 AlreadyExists, a server-side apply sent with {@code createResourceOnlyIfNotExistingWithSSA}
 * (it carries resourceVersion 1) answers 409 Conflict. Either way the live object is then updated instead, which
 * restores the label, keeps its uid and converges its content. An object controlled by someone else is left alone.
 */
final class Adoption {
    private static final Logger LOG = Logger.getLogger(Adoption.class);

    private Adoption() {}

    static <R extends HasMetadata> R createOrAdopt(
            R desired, Tenant tenant, Context<Tenant> context, Supplier<R> create, UnaryOperator<R> update) {
        try {
            return create.get();
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
            R live = context.getClient().resource(desired).get();
            if (live == null) {
                throw e; // deleted in the meantime: the retry creates it
            }
            Optional<OwnerReference> foreign = foreignController(live, tenant);
            if (foreign.isPresent()) {
                throw new AdoptionRefusedException(
                        describe(live) + " already exists and is controlled by "
                                + foreign.get().getKind() + " " + foreign.get().getName()
                                + ", so the operator leaves it alone;"
                                + " delete it or remove that owner reference, and the operator takes it over.",
                        e);
            }
            LOG.infof(
                    "tenant %s: %s exists but was not in the operator's cache (label %s removed?); adopting it",
                    tenant.getMetadata().getName(), describe(live), TenantLabels.MANAGED_SELECTOR);
            // The update must not carry the resourceVersion a create by server-side apply sets.
            desired.getMetadata().setResourceVersion(null);
            return update.apply(live);
        }
    }

    private static Optional<OwnerReference> foreignController(HasMetadata live, Tenant tenant) {
        return live.getMetadata().getOwnerReferences().stream()
                .filter(reference -> Boolean.TRUE.equals(reference.getController()))
                .filter(reference ->
                        !Objects.equals(reference.getUid(), tenant.getMetadata().getUid()))
                .findFirst();
    }

    static String describe(HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        return object.getKind() + " " + object.getMetadata().getName()
                + (namespace == null ? "" : " in namespace " + namespace);
    }
}
