package io.neoforge.api.v1alpha1.tenant;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one definition of a valid tenant name and of the names derived from it. The CRD's CEL rules
 * are built from the same constants, so the API server, the operator and the platform API agree.
 */
public final class TenantNames {
    public static final int MIN_LENGTH = 3;
    public static final int MAX_LENGTH = 40;
    public static final String PATTERN = "^[a-z]([-a-z0-9]*[a-z0-9])?$";

    /** Reserved exactly. Keep in step with {@link #RESERVED_CEL_LIST}; a test checks they agree. */
    public static final List<String> RESERVED = List.of(
            "admin",
            "api",
            "app",
            "default",
            "mail",
            "platform",
            "postgres",
            "public",
            "root",
            "status",
            "system",
            "tenant",
            "tenants",
            "www");
    /** Reserved as prefixes: anything starting with one of these. */
    public static final List<String> RESERVED_PREFIXES = List.of("kube-", "neoforge", "openshift-", "pg-");

    static final String RESERVED_CEL_LIST = "['admin', 'api', 'app', 'default', 'mail', 'platform', "
            + "'postgres', 'public', 'root', 'status', 'system', 'tenant', 'tenants', 'www']";

    static final String CEL_LENGTH = "size(self.metadata.name) >= 3 && size(self.metadata.name) <= 40";
    static final String CEL_PATTERN = "self.metadata.name.matches('^[a-z]([-a-z0-9]*[a-z0-9])?$')";
    static final String CEL_RESERVED = "!(self.metadata.name in " + RESERVED_CEL_LIST + ")"
            + " && !self.metadata.name.startsWith('kube-') && !self.metadata.name.startsWith('neoforge')"
            + " && !self.metadata.name.startsWith('openshift-') && !self.metadata.name.startsWith('pg-')";

    static final String MESSAGE_LENGTH = "metadata.name: a tenant name must be 3 to 40 characters long";
    static final String MESSAGE_PATTERN = "metadata.name: a tenant name must be a DNS label: lower-case letters, "
            + "digits and '-', starting with a letter and ending with a letter or digit";
    public static final String MESSAGE_RESERVED = "metadata.name: this tenant name is reserved "
            + "(admin, api, www, system, default, kube-*, neoforge*, ...)";

    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    private TenantNames() {}

    /** Why the name is refused, or empty when it is a valid tenant name. */
    public static Optional<String> problem(String name) {
        if (name == null || name.length() < MIN_LENGTH || name.length() > MAX_LENGTH) {
            return Optional.of(MESSAGE_LENGTH);
        }
        if (!COMPILED.matcher(name).matches()) {
            return Optional.of(MESSAGE_PATTERN);
        }
        if (RESERVED.contains(name) || RESERVED_PREFIXES.stream().anyMatch(name::startsWith)) {
            return Optional.of(MESSAGE_RESERVED);
        }
        return Optional.empty();
    }

    public static boolean isValid(String name) {
        return problem(name).isEmpty();
    }

    public static String namespace(String tenant) {
        return "tenant-" + tenant;
    }

    /** Schema and role name: {@code tenant_<name with - as _>}. Only ever called with a valid name. */
    public static String databaseIdentifier(String tenant) {
        if (!isValid(tenant)) {
            throw new IllegalArgumentException("not a valid tenant name: " + tenant);
        }
        return "tenant_" + tenant.replace('-', '_');
    }
}
