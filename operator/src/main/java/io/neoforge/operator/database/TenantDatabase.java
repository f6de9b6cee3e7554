package io.neoforge.operator.database;

import io.neoforge.api.v1alpha1.tenant.TenantNames;
import java.util.Objects;

/**
 * Desired state of one tenant's database: a role and a schema of the same name
 * ({@link TenantNames#databaseIdentifier(String)}), owned by the role.
 *
 * @param tenant the tenant's name (a valid {@link TenantNames tenant name})
 * @param role the role's name, {@code tenant_<name>}
 * @param schema the schema's name, the same as the role's
 * @param password the role's password; never part of {@link #toString()}
 * @param connectionLimit the role's connection limit; -1 for none
 * @param loginEnabled whether the role may log in (false while the tenant is suspended)
 */
public record TenantDatabase(
        String tenant, String role, String schema, String password, int connectionLimit, boolean loginEnabled) {

    public TenantDatabase {
        Objects.requireNonNull(tenant, "tenant");
        String identifier = TenantNames.databaseIdentifier(tenant); // IllegalArgumentException when invalid
        if (!identifier.equals(role) || !identifier.equals(schema)) {
            throw new IllegalArgumentException("role and schema of tenant " + tenant + " must be " + identifier);
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("tenant " + tenant + ": the database password must not be empty");
        }
        if (password.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("tenant " + tenant + ": the database password contains a NUL character");
        }
        if (connectionLimit < -1) {
            throw new IllegalArgumentException(
                    "tenant " + tenant + ": connection limit must be -1 (none) or more, was " + connectionLimit);
        }
    }

    public static TenantDatabase of(String tenant, String password, int connectionLimit, boolean loginEnabled) {
        String identifier = TenantNames.databaseIdentifier(tenant);
        return new TenantDatabase(tenant, identifier, identifier, password, connectionLimit, loginEnabled);
    }

    @Override
    public String toString() {
        return "TenantDatabase[tenant=" + tenant + ", role=" + role + ", schema=" + schema + ", password=***"
                + ", connectionLimit=" + connectionLimit + ", loginEnabled=" + loginEnabled + "]";
    }
}
