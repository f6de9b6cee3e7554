package io.neoforge.api.v1alpha1.tenant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class TenantAdmin {
    public enum Kind {
        User,
        Group
    }

    @JsonPropertyDescription("Subject kind in the RoleBinding: User (default) or Group.")
    @Default("User")
    private Kind kind;

    @JsonPropertyDescription("User or group name as the cluster's authenticator reports it, often an e-mail address.")
    @Required
    @Size(min = 1, max = 253)
    private String name;

    public TenantAdmin() {}

    public TenantAdmin(Kind kind, String name) {
        this.kind = kind;
        this.name = name;
    }

    public Kind getKind() {
        return kind;
    }

    public void setKind(Kind kind) {
        this.kind = kind;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    @JsonIgnore
    public Kind effectiveKind() {
        return kind == null ? Kind.User : kind;
    }
}
