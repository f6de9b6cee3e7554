package io.neoforge.api.v1alpha1.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

@ValidationRule(value = "self.min <= self.max", message = "replicas.min must not be greater than replicas.max")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ReplicaRange {
    public static final String DEFAULT_MIN = "1";
    public static final String DEFAULT_MAX = "2";

    @JsonPropertyDescription("Fewest replicas of the tenant's app (the autoscaler's minReplicas).")
    @Default(DEFAULT_MIN)
    @Min(1)
    @Max(100)
    private Integer min;

    @JsonPropertyDescription("Most replicas of the tenant's app (the autoscaler's maxReplicas).")
    @Default(DEFAULT_MAX)
    @Min(1)
    @Max(100)
    private Integer max;

    public ReplicaRange() {}

    public ReplicaRange(int min, int max) {
        this.min = min;
        this.max = max;
    }

    public Integer getMin() {
        return min;
    }

    public void setMin(Integer min) {
        this.min = min;
    }

    public Integer getMax() {
        return max;
    }

    public void setMax(Integer max) {
        this.max = max;
    }

    @JsonIgnore
    public int effectiveMin() {
        return min == null ? Integer.parseInt(DEFAULT_MIN) : min;
    }

    @JsonIgnore
    public int effectiveMax() {
        return max == null ? Integer.parseInt(DEFAULT_MAX) : max;
    }
}
