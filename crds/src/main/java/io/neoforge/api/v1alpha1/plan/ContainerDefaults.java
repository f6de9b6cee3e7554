package io.neoforge.api.v1alpha1.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.neoforge.api.v1alpha1.common.Quantities;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ContainerDefaults {
    public static final String DEFAULT_CPU_REQUEST = "100m";
    public static final String DEFAULT_CPU_LIMIT = "500m";
    public static final String DEFAULT_MEMORY_REQUEST = "128Mi";
    public static final String DEFAULT_MEMORY_LIMIT = "512Mi";

    @JsonPropertyDescription("CPU request of a container that sets none, and of the tenant's app.")
    @Default(DEFAULT_CPU_REQUEST)
    @Pattern(Quantities.PATTERN)
    private String cpuRequest;

    @JsonPropertyDescription("CPU limit of a container that sets none, and of the tenant's app.")
    @Default(DEFAULT_CPU_LIMIT)
    @Pattern(Quantities.PATTERN)
    private String cpuLimit;

    @JsonPropertyDescription("Memory request of a container that sets none, and of the tenant's app.")
    @Default(DEFAULT_MEMORY_REQUEST)
    @Pattern(Quantities.PATTERN)
    private String memoryRequest;

    @JsonPropertyDescription("Memory limit of a container that sets none, and of the tenant's app.")
    @Default(DEFAULT_MEMORY_LIMIT)
    @Pattern(Quantities.PATTERN)
    private String memoryLimit;

    public String getCpuRequest() {
        return cpuRequest;
    }

    public void setCpuRequest(String cpuRequest) {
        this.cpuRequest = cpuRequest;
    }

    public String getCpuLimit() {
        return cpuLimit;
    }

    public void setCpuLimit(String cpuLimit) {
        this.cpuLimit = cpuLimit;
    }

    public String getMemoryRequest() {
        return memoryRequest;
    }

    public void setMemoryRequest(String memoryRequest) {
        this.memoryRequest = memoryRequest;
    }

    public String getMemoryLimit() {
        return memoryLimit;
    }

    public void setMemoryLimit(String memoryLimit) {
        this.memoryLimit = memoryLimit;
    }

    @JsonIgnore
    public String effectiveCpuRequest() {
        return cpuRequest == null ? DEFAULT_CPU_REQUEST : cpuRequest;
    }

    @JsonIgnore
    public String effectiveCpuLimit() {
        return cpuLimit == null ? DEFAULT_CPU_LIMIT : cpuLimit;
    }

    @JsonIgnore
    public String effectiveMemoryRequest() {
        return memoryRequest == null ? DEFAULT_MEMORY_REQUEST : memoryRequest;
    }

    @JsonIgnore
    public String effectiveMemoryLimit() {
        return memoryLimit == null ? DEFAULT_MEMORY_LIMIT : memoryLimit;
    }
}
