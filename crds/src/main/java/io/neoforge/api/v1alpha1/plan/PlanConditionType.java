package io.neoforge.api.v1alpha1.plan;

/** The condition types the operator sets on a Plan; the constant's name is the condition's {@code type}. */
public enum PlanConditionType {
    Ready("The plan is accepted: tenants can use it.");

    private final String description;

    PlanConditionType(String description) {
        this.description = description;
    }

    /** What the condition says when True, for people (docs/crd-reference.md). */
    public String description() {
        return description;
    }
}
