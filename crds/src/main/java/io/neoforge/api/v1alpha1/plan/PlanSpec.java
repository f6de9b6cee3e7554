package io.neoforge.api.v1alpha1.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import java.util.Map;

/**
 * A plan's entitlements. No initialisers (see TenantSpec): defaults live in the CRD schema, and the accessors
 * below that are not properties give readers the effective value of an absent field.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PlanSpec {
    public static final String DEFAULT_CUSTOM_DOMAINS = "0";
    public static final String DEFAULT_API_RATE_LIMIT = "600";

    @JsonPropertyDescription("Human-readable name of the plan, shown in the dashboard and on invoices.")
    private String displayName;

    @JsonPropertyDescription("Range of app replicas the tenant's autoscaler may use.")
    private ReplicaRange replicas;

    @JsonPropertyDescription("Namespace-wide resource quota of a tenant on this plan.")
    private PlanQuota quota;

    @JsonPropertyDescription("Default requests and limits for each container in the tenant's namespace (LimitRange).")
    private ContainerDefaults container;

    @JsonPropertyDescription("Database entitlements of a tenant on this plan.")
    private DatabaseEntitlement database;

    @JsonPropertyDescription("How many custom (branded) domains a tenant on this plan may claim.")
    @Default(DEFAULT_CUSTOM_DOMAINS)
    @Min(0)
    @Max(1000)
    private Integer customDomains;

    @JsonPropertyDescription("Requests per minute a tenant on this plan may make to the platform API.")
    @Default(DEFAULT_API_RATE_LIMIT)
    @Min(1)
    private Integer apiRateLimit;

    @JsonPropertyDescription("Default variant of each feature flag for tenants on this plan, by flag key.")
    private Map<String, String> features;

    @JsonPropertyDescription("Stripe prices billed for this plan; absent for a plan NeoForge does not bill.")
    private StripePrices stripe;

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public ReplicaRange getReplicas() {
        return replicas;
    }

    public void setReplicas(ReplicaRange replicas) {
        this.replicas = replicas;
    }

    public PlanQuota getQuota() {
        return quota;
    }

    public void setQuota(PlanQuota quota) {
        this.quota = quota;
    }

    public ContainerDefaults getContainer() {
        return container;
    }

    public void setContainer(ContainerDefaults container) {
        this.container = container;
    }

    public DatabaseEntitlement getDatabase() {
        return database;
    }

    public void setDatabase(DatabaseEntitlement database) {
        this.database = database;
    }

    public Integer getCustomDomains() {
        return customDomains;
    }

    public void setCustomDomains(Integer customDomains) {
        this.customDomains = customDomains;
    }

    public Integer getApiRateLimit() {
        return apiRateLimit;
    }

    public void setApiRateLimit(Integer apiRateLimit) {
        this.apiRateLimit = apiRateLimit;
    }

    public Map<String, String> getFeatures() {
        return features;
    }

    public void setFeatures(Map<String, String> features) {
        this.features = features;
    }

    public StripePrices getStripe() {
        return stripe;
    }

    public void setStripe(StripePrices stripe) {
        this.stripe = stripe;
    }

    @JsonIgnore
    public ReplicaRange replicasOrDefaults() {
        return replicas == null ? new ReplicaRange() : replicas;
    }

    @JsonIgnore
    public PlanQuota quotaOrDefaults() {
        return quota == null ? new PlanQuota() : quota;
    }

    @JsonIgnore
    public ContainerDefaults containerOrDefaults() {
        return container == null ? new ContainerDefaults() : container;
    }

    @JsonIgnore
    public DatabaseEntitlement databaseOrDefaults() {
        return database == null ? new DatabaseEntitlement() : database;
    }

    @JsonIgnore
    public int effectiveCustomDomains() {
        return customDomains == null ? Integer.parseInt(DEFAULT_CUSTOM_DOMAINS) : customDomains;
    }

    @JsonIgnore
    public int effectiveApiRateLimit() {
        return apiRateLimit == null ? Integer.parseInt(DEFAULT_API_RATE_LIMIT) : apiRateLimit;
    }

    @JsonIgnore
    public Map<String, String> featuresOrEmpty() {
        return features == null ? Map.of() : features;
    }
}
