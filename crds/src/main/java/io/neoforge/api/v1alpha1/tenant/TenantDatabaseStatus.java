package io.neoforge.api.v1alpha1.tenant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class TenantDatabaseStatus {
    @JsonPropertyDescription("PostgreSQL schema owned by the tenant's role.")
    private String schema;

    @JsonPropertyDescription("PostgreSQL role of the tenant.")
    private String role;

    @JsonPropertyDescription("Secret in the tenant's namespace holding the database credentials.")
    private String secretName;

    @JsonPropertyDescription(
            "Digest of the database settings last applied; the operator issues no SQL while it matches.")
    private String appliedDigest;

    public String getSchema() {
        return schema;
    }

    public void setSchema(String schema) {
        this.schema = schema;
    }

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }

    public String getSecretName() {
        return secretName;
    }

    public void setSecretName(String secretName) {
        this.secretName = secretName;
    }

    public String getAppliedDigest() {
        return appliedDigest;
    }

    public void setAppliedDigest(String appliedDigest) {
        this.appliedDigest = appliedDigest;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TenantDatabaseStatus other
                && Objects.equals(schema, other.schema)
                && Objects.equals(role, other.role)
                && Objects.equals(secretName, other.secretName)
                && Objects.equals(appliedDigest, other.appliedDigest);
    }

    @Override
    public int hashCode() {
        return Objects.hash(schema, role, secretName, appliedDigest);
    }
}
