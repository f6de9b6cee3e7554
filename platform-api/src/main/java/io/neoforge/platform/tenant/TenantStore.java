package io.neoforge.platform.tenant;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.neoforge.api.v1alpha1.plan.Plan;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** The Tenants and Plans in the Kubernetes API: every call this application makes to it for them. */
@ApplicationScoped
public class TenantStore {

    private final KubernetesClient client;

    public TenantStore(KubernetesClient client) {
        this.client = client;
    }

    public Optional<Tenant> find(String name) {
        return Optional.ofNullable(client.resources(Tenant.class).withName(name).get());
    }

    /** Sorted by name. */
    public List<Tenant> list() {
        return client.resources(Tenant.class).list().getItems().stream()
                .sorted(Comparator.comparing(t -> t.getMetadata().getName()))
                .toList();
    }

    public Tenant create(Tenant tenant) {
        return client.resources(Tenant.class).resource(tenant).create();
    }

    public Tenant edit(String name, UnaryOperator<Tenant> change) {
        return client.resources(Tenant.class).withName(name).edit(change);
    }

    public void delete(String name) {
        client.resources(Tenant.class).withName(name).delete();
    }

    public Optional<Plan> findPlan(String name) {
        return Optional.ofNullable(client.resources(Plan.class).withName(name).get());
    }

    /** Sorted by name. */
    public List<Plan> plans() {
        return client.resources(Plan.class).list().getItems().stream()
                .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
                .toList();
    }
}
