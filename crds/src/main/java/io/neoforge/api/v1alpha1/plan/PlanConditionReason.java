package io.neoforge.api.v1alpha1.plan;

/** Every reason the operator gives on a Plan's conditions; the constant's name is the condition's {@code reason}. */
public enum PlanConditionReason {
    Accepted("The plan is valid; tenants can use it.", "Nothing."),
    InvalidPlan(
            "The plan cannot be applied to a tenant: the message says which fields disagree (e.g. a container "
                    + "request above its limit or above the namespace quota). Tenants on it keep their objects unchanged and "
                    + "report PlanInvalid.",
            "Fix the plan's spec.container or spec.quota.");

    private final String meaning;
    private final String action;

    PlanConditionReason(String meaning, String action) {
        this.meaning = meaning;
        this.action = action;
    }

    /** What the reason means, for people (docs/crd-reference.md). */
    public String meaning() {
        return meaning;
    }

    /** What a person should do about it. */
    public String action() {
        return action;
    }

    /** The conditions that can carry this reason. */
    public PlanConditionType condition() {
        return PlanConditionType.Ready;
    }
}
