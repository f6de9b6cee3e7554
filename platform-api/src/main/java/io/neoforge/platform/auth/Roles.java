package io.neoforge.platform.auth;

/** Roles, from the token's {@code groups} claim. */
public final class Roles {
    /** May do everything. */
    public static final String PLATFORM_ADMIN = "platform-admin";
    /** May read and change the one tenant named in the token's tenant claim. */
    public static final String TENANT_ADMIN = "tenant-admin";

    private Roles() {}
}
