package io.neoforge.api.v1alpha1.common;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * The CRD schema of one status condition, Kubernetes' metav1.Condition field for field (patterns, lengths and
 * required fields as in k8s.io/apimachinery). Only the CRD generator reads this class ({@code @SchemaFrom} on the
 * status' conditions); the model itself holds Fabric8's {@link io.fabric8.kubernetes.api.model.Condition}. What no
 * annotation can say (the list is a map keyed by {@code type}, {@code lastTransitionTime} is a date-time) is added
 * when the CRD is written, by CrdManifestsTest.
 */
public final class ConditionSchema {
    /** metav1.Condition's pattern for type: an optional DNS-subdomain prefix and a qualified name. */
    public static final String TYPE_PATTERN = "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
            + "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$";
    /** metav1.Condition's pattern for reason: CamelCase, as a machine reads it. */
    public static final String REASON_PATTERN = "^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$";

    public static final int TYPE_MAX_LENGTH = 316;
    public static final int REASON_MAX_LENGTH = 1024;
    public static final int MESSAGE_MAX_LENGTH = 32768;

    /** The values of a condition's status. */
    public enum Status {
        True,
        False,
        Unknown
    }

    @Required
    @Pattern(TYPE_PATTERN)
    @Size(max = TYPE_MAX_LENGTH)
    @JsonPropertyDescription("Type of condition in CamelCase, e.g. Ready; unique in the list.")
    public String type;

    @Required
    @JsonPropertyDescription("True, False or Unknown.")
    public Status status;

    @Min(0)
    @JsonPropertyDescription("The metadata.generation the condition was set for; older than the resource's generation "
            + "means the condition is out of date.")
    public Long observedGeneration;

    @Required
    @JsonPropertyDescription("When the condition last changed status (RFC 3339).")
    public String lastTransitionTime;

    @Required
    @Pattern(REASON_PATTERN)
    @Size(min = 1, max = REASON_MAX_LENGTH)
    @JsonPropertyDescription("Machine-readable, CamelCase reason for the condition's last transition.")
    public String reason;

    @Required
    @Size(max = MESSAGE_MAX_LENGTH)
    @JsonPropertyDescription("Human-readable details about the condition: what is the case and what to do.")
    public String message;

    private ConditionSchema() {}
}
