package io.neoforge.operator.tenant;

import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.operator.config.NeoforgeConfig;
import jakarta.enterprise.context.ApplicationScoped;

/** Where a tenant is served. */
@ApplicationScoped
public class TenantUrls {
    private final NeoforgeConfig config;

    public TenantUrls(NeoforgeConfig config) {
        this.config = config;
    }

    public String host(Tenant tenant) {
        return tenant.getMetadata().getName() + "." + config.baseDomain();
    }

    public String url(Tenant tenant) {
        return config.urlScheme() + "://" + host(tenant);
    }
}
