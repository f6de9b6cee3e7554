package io.neoforge.api.v1alpha1.plan;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.neoforge.api.v1alpha1.common.Quantities;

public class ContainerDefaults {
    @JsonPropertyDescription("CPU request of a container that sets none, and of the tenant's app.")
    @Default("100m")
    @Pattern(Quantities.PATTERN)
    private String cpuRequest = "100m";

    @JsonPropertyDescription("CPU limit of a container that sets none, and of the tenant's app.")
    @Default("500m")
    @Pattern(Quantities.PATTERN)
    private String cpuLimit = "500m";

    @JsonPropertyDescription("Memory request of a container that sets none, and of the tenant's app.")
    @Default("128Mi")
    @Pattern(Quantities.PATTERN)
    private String memoryRequest = "128Mi";

    @JsonPropertyDescription("Memory limit of a container that sets none, and of the tenant's app.")
    @Default("512Mi")
    @Pattern(Quantities.PATTERN)
    private String memoryLimit = "512Mi";

    public String getCpuRequest() { return cpuRequest; }
    public void setCpuRequest(String cpuRequest) { this.cpuRequest = cpuRequest; }
    public String getCpuLimit() { return cpuLimit; }
    public void setCpuLimit(String cpuLimit) { this.cpuLimit = cpuLimit; }
    public String getMemoryRequest() { return memoryRequest; }
    public void setMemoryRequest(String memoryRequest) { this.memoryRequest = memoryRequest; }
    public String getMemoryLimit() { return memoryLimit; }
    public void setMemoryLimit(String memoryLimit) { this.memoryLimit = memoryLimit; }
}
