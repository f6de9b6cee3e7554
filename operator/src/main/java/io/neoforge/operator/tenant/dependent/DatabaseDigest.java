package io.neoforge.operator.tenant.dependent;

import io.neoforge.operator.database.TenantDatabase;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Digest of a desired database state. {@link #REVISION} is part of it: raise it when the SQL that
 * {@code apply} issues changes, so every tenant is re-applied once after an operator upgrade.
 */
final class DatabaseDigest {
    static final int REVISION = 2;

    private DatabaseDigest() {}

    static String of(TenantDatabase database) {
        String material = String.join(
                "\n",
                "r" + REVISION,
                database.role(),
                database.schema(),
                String.valueOf(database.connectionLimit()),
                String.valueOf(database.loginEnabled()),
                database.password());
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
