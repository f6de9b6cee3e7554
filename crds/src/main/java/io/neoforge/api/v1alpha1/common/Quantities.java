package io.neoforge.api.v1alpha1.common;

/** Patterns shared by the schema annotations of several kinds. */
public final class Quantities {
    /** A Kubernetes resource quantity such as {@code 500m}, {@code 2}, {@code 512Mi} or {@code 1.5G}. */
    public static final String PATTERN = "^(\\+)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[mkMGTPE])?$";

    /** A lowercase DNS label as used for plan and tenant references. */
    public static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

    private Quantities() {}
}
