package io.neoforge.platform.auth;

import io.neoforge.platform.PlatformApiConfig;
import io.neoforge.platform.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling and which tenants they may see. */
@RequestScoped
public class Caller {

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken token;

    @Inject
    PlatformApiConfig config;

    public boolean isPlatformAdmin() {
        return identity.hasRole(Roles.PLATFORM_ADMIN);
    }

    /** The tenant a tenant-admin token is for; empty for anyone else. */
    public Optional<String> tenant() {
        if (!identity.hasRole(Roles.TENANT_ADMIN)) {
            return Optional.empty();
        }
        Object claim = token.getClaim(config.auth().tenantClaim());
        if (claim instanceof JsonString string) {
            return Optional.of(string.getString());
        }
        return claim instanceof String string ? Optional.of(string) : Optional.empty();
    }

    public boolean canAccess(String tenant) {
        return isPlatformAdmin() || tenant().filter(tenant::equals).isPresent();
    }

    /**
     * Refuses a tenant the caller may not see as if it did not exist, so a tenant admin cannot probe for other
     * tenants' names.
     */
    public void requireAccess(String tenant) {
        if (!canAccess(tenant)) {
            throw ProblemException.notFound("no tenant named '" + tenant + "'");
        }
    }

    /** For the audit log: the token's subject (upn, preferred_username or sub), or "anonymous". */
    public String name() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }
}
