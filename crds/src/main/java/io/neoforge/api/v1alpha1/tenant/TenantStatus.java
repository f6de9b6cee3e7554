package io.neoforge.api.v1alpha1.tenant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.kubernetes.api.model.Condition;
import io.neoforge.api.v1alpha1.common.ConditionSchema;
import java.util.List;

/**
 * Written by the operator only. No initialisers: a status patch built from a new object must carry what the
 * operator observed and nothing else (an empty list would replace a list another writer owns).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TenantStatus {
    @JsonPropertyDescription(
            "Where the tenant is in its life: Provisioning, Ready, PastDue, Suspended, Deleting or Failed.")
    private TenantPhase phase;

    @JsonPropertyDescription("The generation of the spec this status describes.")
    private Long observedGeneration;

    @SchemaFrom(type = ConditionSchema[].class)
    @JsonPropertyDescription("Ready, and one condition per part: PlanResolved, NamespaceReady, DatabaseReady, "
            + "WorkloadReady, RoutingReady, Suspended. A map keyed by type: other controllers may add conditions of "
            + "their own types, which the operator leaves alone.")
    private List<Condition> conditions;

    @JsonPropertyDescription("Address of the tenant's app; set once its Ingress exists.")
    private String url;

    @JsonPropertyDescription("Namespace holding the tenant's objects; set once it exists.")
    private String namespace;

    @JsonPropertyDescription("The plan the operator last applied.")
    private String plan;

    @JsonPropertyDescription("The tenant's database: schema, role and credentials Secret; set once they are applied.")
    private TenantDatabaseStatus database;

    @JsonPropertyDescription("When the tenant first became Ready (RFC 3339).")
    private String firstReadyTime;

    public TenantPhase getPhase() {
        return phase;
    }

    public void setPhase(TenantPhase phase) {
        this.phase = phase;
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public String getPlan() {
        return plan;
    }

    public void setPlan(String plan) {
        this.plan = plan;
    }

    public TenantDatabaseStatus getDatabase() {
        return database;
    }

    public void setDatabase(TenantDatabaseStatus database) {
        this.database = database;
    }

    public String getFirstReadyTime() {
        return firstReadyTime;
    }

    public void setFirstReadyTime(String firstReadyTime) {
        this.firstReadyTime = firstReadyTime;
    }

    @JsonIgnore
    public List<Condition> conditionsOrEmpty() {
        return conditions == null ? List.of() : conditions;
    }
}
