package io.neoforge.platform.testing;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** Bearer tokens for tests, signed with the test key pair of {@link JwtTestResource} unless said otherwise. */
public final class Tokens {

    private Tokens() {}

    public static String platformAdmin() {
        return claims("root@neoforge.test", "platform-admin").sign();
    }

    public static String tenantAdmin(String tenant) {
        return claims("admin@" + tenant + ".test", "tenant-admin")
                .claim("tenant", tenant)
                .sign();
    }

    public static String withIssuer(String issuer) {
        return Jwt.issuer(issuer)
                .subject("root@neoforge.test")
                .upn("root@neoforge.test")
                .groups(Set.of("platform-admin"))
                .expiresIn(Duration.ofMinutes(5))
                .sign();
    }

    public static String expiredPlatformAdmin() {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        return claims("root@neoforge.test", "platform-admin")
                .issuedAt(past)
                .expiresAt(past.plus(Duration.ofMinutes(5)))
                .sign();
    }

    public static String signedByAnotherKey() {
        return claims("root@neoforge.test", "platform-admin").sign(otherKey());
    }

    public static String withoutRoles() {
        return Jwt.issuer(JwtTestResource.ISSUER)
                .subject("nobody@neoforge.test")
                .upn("nobody@neoforge.test")
                .expiresIn(Duration.ofMinutes(5))
                .sign();
    }

    private static JwtClaimsBuilder claims(String subject, String role) {
        return Jwt.issuer(JwtTestResource.ISSUER)
                .subject(subject)
                .upn(subject)
                .groups(Set.of(role))
                .expiresIn(Duration.ofMinutes(5));
    }

    private static PrivateKey otherKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
