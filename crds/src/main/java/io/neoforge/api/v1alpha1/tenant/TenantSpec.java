package io.neoforge.api.v1alpha1.tenant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.neoforge.api.v1alpha1.common.Quantities;
import java.util.List;
import java.util.Map;

/**
 * What a tenant should be. No field has an initialiser: a value set here would be serialised into every write
 * built from a new object and, with server-side apply, overwrite the user's. Defaults live in the CRD schema
 * ({@code @Default}, applied by the API server); the accessors below that are not properties give readers the
 * effective value of a field that is absent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TenantSpec {
    @JsonPropertyDescription("Name of the Plan this tenant is on; the one place a tenant's plan is chosen.")
    @Required
    @Pattern(Quantities.DNS_LABEL)
    @Size(min = 1, max = 63)
    private String plan;

    @JsonPropertyDescription("Customer-facing name of the tenant.")
    @Size(max = 200)
    private String displayName;

    @JsonPropertyDescription(
            "People and groups who administer the tenant: bound to the tenant-admin Role in its namespace.")
    @Size(max = 50)
    private List<TenantAdmin> admins;

    @JsonPropertyDescription(
            "What happens to the tenant's database on deletion: Retain (default) keeps schema and role "
                    + "with login disabled, Delete drops both.")
    @Default("Retain")
    private DeletionPolicy deletionPolicy;

    @JsonPropertyDescription(
            "When true, deleting the tenant is refused and it stays in place until this is set to false.")
    @Default("false")
    private Boolean deletionProtection;

    @JsonPropertyDescription("When true, the workload is scaled to zero and database login is disabled; data is kept.")
    @Default("false")
    private Boolean suspended;

    @JsonPropertyDescription("The tenant's app: image and settings; absent fields take the platform defaults.")
    private WorkloadSpec workload;

    @JsonPropertyDescription(
            "Feature flag variants for this tenant, by flag key; they win over plan defaults and targeting.")
    private Map<String, String> features;

    @JsonPropertyDescription("Look of the tenant's app, published to the app in ConfigMap neoforge-branding.")
    private Branding branding;

    public String getPlan() {
        return plan;
    }

    public void setPlan(String plan) {
        this.plan = plan;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public List<TenantAdmin> getAdmins() {
        return admins;
    }

    public void setAdmins(List<TenantAdmin> admins) {
        this.admins = admins;
    }

    public DeletionPolicy getDeletionPolicy() {
        return deletionPolicy;
    }

    public void setDeletionPolicy(DeletionPolicy deletionPolicy) {
        this.deletionPolicy = deletionPolicy;
    }

    public Boolean getDeletionProtection() {
        return deletionProtection;
    }

    public void setDeletionProtection(Boolean deletionProtection) {
        this.deletionProtection = deletionProtection;
    }

    public Boolean getSuspended() {
        return suspended;
    }

    public void setSuspended(Boolean suspended) {
        this.suspended = suspended;
    }

    public WorkloadSpec getWorkload() {
        return workload;
    }

    public void setWorkload(WorkloadSpec workload) {
        this.workload = workload;
    }

    public Map<String, String> getFeatures() {
        return features;
    }

    public void setFeatures(Map<String, String> features) {
        this.features = features;
    }

    public Branding getBranding() {
        return branding;
    }

    public void setBranding(Branding branding) {
        this.branding = branding;
    }

    // No @JsonIgnore here: it would hide the "suspended" property itself (getSuspended wins as the accessor).
    public boolean isSuspended() {
        return Boolean.TRUE.equals(suspended);
    }

    @JsonIgnore // otherwise Jackson and the CRD generator see a bogus "deletionProtected" property
    public boolean isDeletionProtected() {
        return Boolean.TRUE.equals(deletionProtection);
    }

    @JsonIgnore
    public DeletionPolicy effectiveDeletionPolicy() {
        return deletionPolicy == null ? DeletionPolicy.Retain : deletionPolicy;
    }

    @JsonIgnore
    public List<TenantAdmin> adminsOrEmpty() {
        return admins == null ? List.of() : admins;
    }

    /** The workload, or an empty one (platform defaults) when absent. */
    @JsonIgnore
    public WorkloadSpec workloadOrEmpty() {
        return workload == null ? new WorkloadSpec() : workload;
    }

    @JsonIgnore
    public Map<String, String> featuresOrEmpty() {
        return features == null ? Map.of() : features;
    }

    @JsonIgnore
    public Branding brandingOrEmpty() {
        return branding == null ? new Branding() : branding;
    }
}
