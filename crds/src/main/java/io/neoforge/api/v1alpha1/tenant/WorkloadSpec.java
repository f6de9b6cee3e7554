package io.neoforge.api.v1alpha1.tenant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkloadSpec {
    public static final String DEFAULT_PORT = "8080";

    @JsonPropertyDescription("Container image of the tenant's app; the platform default image when absent.")
    @Size(max = 512)
    private String image;

    @JsonPropertyDescription("Port the app listens on inside its container.")
    @Default(DEFAULT_PORT)
    @Min(1024)
    @Max(65535)
    private Integer port;

    @JsonPropertyDescription(
            "Extra environment variables for the app. Names starting with NEOFORGE_ or DATABASE_ are reserved.")
    @Size(max = 100)
    private List<EnvironmentVariable> env;

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public List<EnvironmentVariable> getEnv() {
        return env;
    }

    public void setEnv(List<EnvironmentVariable> env) {
        this.env = env;
    }

    @JsonIgnore
    public int effectivePort() {
        return port == null ? Integer.parseInt(DEFAULT_PORT) : port;
    }

    @JsonIgnore
    public List<EnvironmentVariable> envOrEmpty() {
        return env == null ? List.of() : env;
    }
}
