package io.neoforge.operator.tenant.dependent;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.neoforge.api.v1alpha1.tenant.Branding;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.api.v1alpha1.tenant.TenantSpec;
import io.neoforge.operator.tenant.TenantLabels;
import io.neoforge.operator.tenant.TenantUrls;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;

/** ConfigMap {@code neoforge-branding}: the tenant's look, mounted into its app. */
@KubernetesDependent(informer = @Informer(labelSelector = TenantLabels.MANAGED_SELECTOR))
public class BrandingConfigMapDependent extends TenantNamespacedDependent<ConfigMap> {
    public static final String NAME = "neoforge-branding";

    @Inject
    TenantUrls urls;

    public BrandingConfigMapDependent() {
        super(ConfigMap.class);
    }

    @Override
    protected ConfigMap desired(Tenant tenant, Context<Tenant> context) {
        TenantSpec spec = tenant.specOrEmpty();
        Branding branding = spec.brandingOrEmpty();
        Map<String, String> data = new LinkedHashMap<>();
        data.put("tenant", tenant.getMetadata().getName());
        data.put(
                "displayName",
                spec.getDisplayName() == null ? tenant.getMetadata().getName() : spec.getDisplayName());
        data.put("url", urls.url(tenant));
        putIfPresent(data, "primaryColor", branding.getPrimaryColor());
        putIfPresent(data, "logoUrl", branding.getLogoUrl());
        putIfPresent(data, "supportEmail", branding.getSupportEmail());
        return new ConfigMapBuilder()
                .withMetadata(metadata(tenant, NAME))
                .withData(data)
                .build();
    }

    private static void putIfPresent(Map<String, String> data, String key, String value) {
        if (value != null && !value.isBlank()) {
            data.put(key, value);
        }
    }
}
