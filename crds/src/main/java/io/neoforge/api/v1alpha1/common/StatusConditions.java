package io.neoforge.api.v1alpha1.common;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads and writes Kubernetes-shaped conditions. {@code lastTransitionTime} changes only when the
 * status flips, so rewriting an unchanged condition never changes the object.
 */
public final class StatusConditions {
    public static final String TRUE = "True";
    public static final String FALSE = "False";
    public static final String UNKNOWN = "Unknown";

    private StatusConditions() {}

    public static Optional<Condition> find(List<Condition> conditions, String type) {
        return conditions == null
                ? Optional.empty()
                : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    public static boolean isTrue(List<Condition> conditions, String type) {
        return find(conditions, type).map(c -> TRUE.equals(c.getStatus())).orElse(false);
    }

    /**
     * Sets a condition in place. Returns true when the status of the condition flipped (or it is new),
     * which is when a person should hear about it.
     */
    public static boolean set(
            List<Condition> conditions,
            String type,
            boolean status,
            String reason,
            String message,
            Long observedGeneration,
            Instant now) {
        String statusValue = status ? TRUE : FALSE;
        Optional<Condition> existing = find(conditions, type);
        if (existing.isPresent()) {
            Condition condition = existing.get();
            boolean flipped = !statusValue.equals(condition.getStatus());
            if (flipped) {
                condition.setLastTransitionTime(format(now));
            }
            condition.setStatus(statusValue);
            condition.setReason(reason);
            condition.setMessage(message);
            condition.setObservedGeneration(observedGeneration);
            return flipped;
        }
        conditions.add(new ConditionBuilder()
                .withType(type)
                .withStatus(statusValue)
                .withReason(reason)
                .withMessage(message)
                .withObservedGeneration(observedGeneration)
                .withLastTransitionTime(format(now))
                .build());
        return true;
    }

    /** True when both lists hold the same conditions, ignoring order and timestamps. */
    public static boolean sameIgnoringTime(List<Condition> a, List<Condition> b) {
        if (a == null || b == null) {
            return a == b || (a == null ? b.isEmpty() : a.isEmpty());
        }
        if (a.size() != b.size()) {
            return false;
        }
        for (Condition left : a) {
            Optional<Condition> right = find(b, left.getType());
            if (right.isEmpty()
                    || !Objects.equals(left.getStatus(), right.get().getStatus())
                    || !Objects.equals(left.getReason(), right.get().getReason())
                    || !Objects.equals(left.getMessage(), right.get().getMessage())
                    || !Objects.equals(left.getObservedGeneration(), right.get().getObservedGeneration())) {
                return false;
            }
        }
        return true;
    }

    public static String format(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
