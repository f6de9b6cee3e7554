package io.neoforge.api.v1alpha1.plan;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

@ValidationRule(value = "self.min <= self.max", message = "replicas.min must not be greater than replicas.max")
public class ReplicaRange {
    @JsonPropertyDescription("Fewest replicas of the tenant's app (the autoscaler's minReplicas).")
    @Default("1")
    @Min(1)
    @Max(100)
    private Integer min = 1;

    @JsonPropertyDescription("Most replicas of the tenant's app (the autoscaler's maxReplicas).")
    @Default("2")
    @Min(1)
    @Max(100)
    private Integer max = 2;

    public ReplicaRange() {
    }

    public ReplicaRange(int min, int max) {
        this.min = min;
        this.max = max;
    }

    public Integer getMin() { return min; }
    public void setMin(Integer min) { this.min = min; }
    public Integer getMax() { return max; }
    public void setMax(Integer max) { this.max = max; }
}
