package io.neoforge.operator.tenant;

import io.neoforge.api.v1alpha1.tenant.Tenant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Labels on everything the operator creates, so its informers watch only its own objects. */
public final class TenantLabels {
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY_VALUE = "neoforge";
    public static final String TENANT = "neoforge.io/tenant";
    public static final String PART_OF = "app.kubernetes.io/part-of";
    public static final String NAME = "app.kubernetes.io/name";
    public static final String APP_NAME = "tenant-app";

    /** Selector of every informer on owned objects. */
    public static final String MANAGED_SELECTOR = MANAGED_BY + "=" + MANAGED_BY_VALUE;

    private TenantLabels() {}

    public static Map<String, String> of(Tenant tenant) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MANAGED_BY, MANAGED_BY_VALUE);
        labels.put(PART_OF, "neoforge");
        labels.put(TENANT, tenant.getMetadata().getName());
        return labels;
    }

    /** Labels of the app's pods; also the Service, PDB and NetworkPolicy selectors. */
    public static Map<String, String> appSelector(Tenant tenant) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NAME, APP_NAME);
        labels.put(TENANT, tenant.getMetadata().getName());
        return labels;
    }

    public static Map<String, String> appLabels(Tenant tenant) {
        Map<String, String> labels = of(tenant);
        labels.putAll(appSelector(tenant));
        return labels;
    }
}
