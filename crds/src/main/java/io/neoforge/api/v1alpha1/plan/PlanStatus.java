package io.neoforge.api.v1alpha1.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.kubernetes.api.model.Condition;
import io.neoforge.api.v1alpha1.common.ConditionSchema;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class PlanStatus {
    @JsonPropertyDescription("The generation of the spec this status describes.")
    private Long observedGeneration;

    @JsonPropertyDescription("How many tenants are on this plan.")
    private Integer tenants;

    @SchemaFrom(type = ConditionSchema[].class)
    @JsonPropertyDescription("Ready when the plan is accepted and can be chosen by tenants.")
    private List<Condition> conditions;

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public Integer getTenants() {
        return tenants;
    }

    public void setTenants(Integer tenants) {
        this.tenants = tenants;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    @JsonIgnore
    public List<Condition> conditionsOrEmpty() {
        return conditions == null ? List.of() : conditions;
    }
}
