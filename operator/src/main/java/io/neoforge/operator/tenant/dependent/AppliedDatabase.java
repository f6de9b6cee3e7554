package io.neoforge.operator.tenant.dependent;

import java.util.Objects;

/**
 * What the database dependent knows was applied: a digest of the desired database state. A class,
 * not a record: the Operator SDK's build step walks the resource type's hierarchy in its index.
 */
public final class AppliedDatabase {
    private final String digest;

    public AppliedDatabase(String digest) {
        this.digest = Objects.requireNonNull(digest);
    }

    public String digest() {
        return digest;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AppliedDatabase applied && digest.equals(applied.digest);
    }

    @Override
    public int hashCode() {
        return digest.hashCode();
    }

    @Override
    public String toString() {
        return "AppliedDatabase[" + digest + "]";
    }
}
