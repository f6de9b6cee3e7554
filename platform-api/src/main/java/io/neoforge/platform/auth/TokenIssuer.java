package io.neoforge.platform.auth;

import io.neoforge.platform.PlatformApiConfig;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Mints bearer tokens this API accepts, signed with {@code smallrye.jwt.sign.key.location}. Only the sandbox (see
 * {@link DevKeys}) and tests hold that private key; a real installation verifies tokens from its identity provider.
 */
@ApplicationScoped
public class TokenIssuer {

    private final String issuer;
    private final PlatformApiConfig config;

    public TokenIssuer(@ConfigProperty(name = "mp.jwt.verify.issuer") String issuer, PlatformApiConfig config) {
        this.issuer = issuer;
        this.config = config;
    }

    public String platformAdmin(String subject) {
        return Jwt.issuer(issuer)
                .subject(subject)
                .upn(subject)
                .groups(Set.of(Roles.PLATFORM_ADMIN))
                .expiresIn(config.auth().issuedTokenLifetime())
                .sign();
    }

    public String tenantAdmin(String subject, String tenant) {
        return Jwt.issuer(issuer)
                .subject(subject)
                .upn(subject)
                .groups(Set.of(Roles.TENANT_ADMIN))
                .claim(config.auth().tenantClaim(), tenant)
                .expiresIn(config.auth().issuedTokenLifetime())
                .sign();
    }
}
