package io.neoforge.api.v1alpha1.tenant;

/** What deleting a Tenant does to its database. */
public enum DeletionPolicy {
    /** Keep schema and role, with login disabled; a new tenant of the same name adopts them. */
    Retain,
    /** Drop the schema and its role. */
    Delete
}
