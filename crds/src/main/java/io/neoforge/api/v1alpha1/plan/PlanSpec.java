package io.neoforge.api.v1alpha1.plan;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class PlanSpec {
    @JsonPropertyDescription("Human-readable name of the plan, shown in the dashboard and on invoices.")
    private String displayName;

    @JsonPropertyDescription("Range of app replicas the tenant's autoscaler may use.")
    private ReplicaRange replicas = new ReplicaRange();

    @JsonPropertyDescription("Namespace-wide resource quota of a tenant on this plan.")
    private PlanQuota quota = new PlanQuota();

    @JsonPropertyDescription("Default requests and limits for each container in the tenant's namespace (LimitRange).")
    private ContainerDefaults container = new ContainerDefaults();

    @JsonPropertyDescription("Database entitlements of a tenant on this plan.")
    private DatabaseEntitlement database = new DatabaseEntitlement();

    @JsonPropertyDescription("How many custom (branded) domains a tenant on this plan may claim.")
    @Default("0")
    @Min(0)
    @Max(1000)
    private Integer customDomains = 0;

    @JsonPropertyDescription("Requests per minute a tenant on this plan may make to the platform API.")
    @Default("600")
    @Min(1)
    private Integer apiRateLimit = 600;

    @JsonPropertyDescription("Default variant of each feature flag for tenants on this plan, by flag key.")
    private Map<String, String> features = new LinkedHashMap<>();

    @JsonPropertyDescription("Stripe prices billed for this plan; absent for a plan NeoForge does not bill.")
    private StripePrices stripe;

    public String getDisplayName() { return displayName; }
    public void setDisplayName(String displayName) { this.displayName = displayName; }
    public ReplicaRange getReplicas() { return replicas; }
    public void setReplicas(ReplicaRange replicas) { this.replicas = replicas; }
    public PlanQuota getQuota() { return quota; }
    public void setQuota(PlanQuota quota) { this.quota = quota; }
    public ContainerDefaults getContainer() { return container; }
    public void setContainer(ContainerDefaults container) { this.container = container; }
    public DatabaseEntitlement getDatabase() { return database; }
    public void setDatabase(DatabaseEntitlement database) { this.database = database; }
    public Integer getCustomDomains() { return customDomains; }
    public void setCustomDomains(Integer customDomains) { this.customDomains = customDomains; }
    public Integer getApiRateLimit() { return apiRateLimit; }
    public void setApiRateLimit(Integer apiRateLimit) { this.apiRateLimit = apiRateLimit; }
    public Map<String, String> getFeatures() { return features; }
    public void setFeatures(Map<String, String> features) { this.features = features; }
    public StripePrices getStripe() { return stripe; }
    public void setStripe(StripePrices stripe) { this.stripe = stripe; }
}
