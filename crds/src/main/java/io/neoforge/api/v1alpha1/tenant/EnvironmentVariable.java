package io.neoforge.api.v1alpha1.tenant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

@ValidationRule(
        value = "!self.name.startsWith('NEOFORGE_') && !self.name.startsWith('DATABASE_')",
        message = "spec.workload.env: names starting with NEOFORGE_ or DATABASE_ are set by the operator")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EnvironmentVariable {
    @JsonPropertyDescription("Variable name.")
    @Required
    @Pattern("^[A-Za-z_][A-Za-z0-9_]*$")
    @Size(max = 128)
    private String name;

    @JsonPropertyDescription("Variable value.")
    @Size(max = 4096)
    private String value;

    public EnvironmentVariable() {}

    public EnvironmentVariable(String name, String value) {
        this.name = name;
        this.value = value;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getValue() {
        return value;
    }

    public void setValue(String value) {
        this.value = value;
    }
}
