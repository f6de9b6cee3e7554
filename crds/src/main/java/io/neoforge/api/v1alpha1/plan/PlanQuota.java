package io.neoforge.api.v1alpha1.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.neoforge.api.v1alpha1.common.Quantities;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class PlanQuota {
    public static final String DEFAULT_CPU = "2";
    public static final String DEFAULT_MEMORY = "4Gi";
    public static final String DEFAULT_PODS = "20";

    @JsonPropertyDescription(
            "Total CPU the tenant's pods may request and use, a Kubernetes quantity such as 2 or 500m.")
    @Default(DEFAULT_CPU)
    @Pattern(Quantities.PATTERN)
    private String cpu;

    @JsonPropertyDescription("Total memory the tenant's pods may request and use, a Kubernetes quantity such as 4Gi.")
    @Default(DEFAULT_MEMORY)
    @Pattern(Quantities.PATTERN)
    private String memory;

    @JsonPropertyDescription("Most pods the tenant's namespace may hold.")
    @Default(DEFAULT_PODS)
    @Min(1)
    @Max(10000)
    private Integer pods;

    public String getCpu() {
        return cpu;
    }

    public void setCpu(String cpu) {
        this.cpu = cpu;
    }

    public String getMemory() {
        return memory;
    }

    public void setMemory(String memory) {
        this.memory = memory;
    }

    public Integer getPods() {
        return pods;
    }

    public void setPods(Integer pods) {
        this.pods = pods;
    }

    @JsonIgnore
    public String effectiveCpu() {
        return cpu == null ? DEFAULT_CPU : cpu;
    }

    @JsonIgnore
    public String effectiveMemory() {
        return memory == null ? DEFAULT_MEMORY : memory;
    }

    @JsonIgnore
    public int effectivePods() {
        return pods == null ? Integer.parseInt(DEFAULT_PODS) : pods;
    }
}
