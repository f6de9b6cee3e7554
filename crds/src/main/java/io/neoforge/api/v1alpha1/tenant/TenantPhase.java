package io.neoforge.api.v1alpha1.tenant;

public enum TenantPhase {
    Provisioning,
    Ready,
    PastDue,
    Suspended,
    Deleting,
    Failed
}
