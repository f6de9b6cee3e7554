package io.neoforge.platform.dashboard;

import io.fabric8.kubernetes.api.model.Event;
import java.time.Instant;
import java.util.Optional;

/** One Kubernetes Event about a tenant. */
public record EventRow(String type, String reason, String message, String age, int count) {

    static EventRow of(Event event, Instant now) {
        return new EventRow(
                Optional.ofNullable(event.getType()).orElse("Normal"),
                event.getReason(),
                event.getMessage(),
                Ages.since(EventRow.time(event), now),
                Optional.ofNullable(event.getCount()).orElse(1));
    }

    /** The newest of the timestamps an event may carry (RFC 3339), for ordering. */
    static String time(Event event) {
        if (event.getLastTimestamp() != null) {
            return event.getLastTimestamp();
        }
        if (event.getEventTime() != null && event.getEventTime().getTime() != null) {
            return event.getEventTime().getTime();
        }
        return Optional.ofNullable(event.getFirstTimestamp())
                .orElse(event.getMetadata().getCreationTimestamp());
    }
}
