package io.neoforge.operator.tenant;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Deleting the Tenant CRD makes the API server delete every Tenant before it removes the CRD. That deletion was asked
 * of the CRD (an uninstall, a GitOps prune), not of the tenants, so it must not reach their data: the operator then
 * keeps the namespace, its objects, the schema and the role as they are, and lets the Tenant go. Re-applying the CRD
 * and a Tenant of the same name adopts all of it again.
 */
@ApplicationScoped
public class TenantCrdDeletion {
    public static final String CRD_NAME = HasMetadata.getFullResourceName(Tenant.class);
    private static final Logger LOG = Logger.getLogger(TenantCrdDeletion.class);

    private final KubernetesClient client;
    private final TenantOrphaning orphaning;
    private final TenantEvents events;

    public TenantCrdDeletion(KubernetesClient client, TenantOrphaning orphaning, TenantEvents events) {
        this.client = client;
        this.orphaning = orphaning;
        this.events = events;
    }

    /**
     * Whether the CRD is being deleted (deletionTimestamp set) or already gone. Read from the API server each time:
     * deletions are rare and the answer decides over customer data. A failed read throws, so that nothing is deleted
     * on a guess.
     */
    public boolean inProgress() {
        CustomResourceDefinition crd = client.apiextensions()
                .v1()
                .customResourceDefinitions()
                .withName(CRD_NAME)
                .get();
        return crd == null || crd.getMetadata().getDeletionTimestamp() != null;
    }

    /** Keeps everything of the tenant and says so; the caller then only removes its finalizer. */
    public void keep(Tenant tenant) {
        int released = orphaning.orphan(tenant);
        String message = "CustomResourceDefinition " + CRD_NAME
                + " is being deleted, so this Tenant is deleted with it:"
                + " namespace " + tenant.namespaceName() + " (" + released + " objects released from the Tenant),"
                + " database schema and role are kept as they are. Re-apply the CRD and a Tenant named "
                + tenant.getMetadata().getName() + " to adopt them again.";
        events.warning(tenant, "TenantCrdDeleted", message);
        LOG.warnf("tenant %s: %s", tenant.getMetadata().getName(), message);
    }
}
