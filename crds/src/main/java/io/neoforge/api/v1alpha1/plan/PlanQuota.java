package io.neoforge.api.v1alpha1.plan;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.neoforge.api.v1alpha1.common.Quantities;

public class PlanQuota {
    @JsonPropertyDescription("Total CPU the tenant's pods may request and use, a Kubernetes quantity such as 2 or 500m.")
    @Default("2")
    @Pattern(Quantities.PATTERN)
    private String cpu = "2";

    @JsonPropertyDescription("Total memory the tenant's pods may request and use, a Kubernetes quantity such as 4Gi.")
    @Default("4Gi")
    @Pattern(Quantities.PATTERN)
    private String memory = "4Gi";

    @JsonPropertyDescription("Most pods the tenant's namespace may hold.")
    @Default("20")
    @Min(1)
    @Max(10000)
    private Integer pods = 20;

    public String getCpu() { return cpu; }
    public void setCpu(String cpu) { this.cpu = cpu; }
    public String getMemory() { return memory; }
    public void setMemory(String memory) { this.memory = memory; }
    public Integer getPods() { return pods; }
    public void setPods(Integer pods) { this.pods = pods; }
}
