package io.neoforge.platform.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** kubectl-style ages: 42s, 7m, 3h, 12d. */
final class Ages {

    private Ages() {}

    static String since(String rfc3339, Instant now) {
        if (rfc3339 == null || rfc3339.isBlank()) {
            return "";
        }
        try {
            return of(Duration.between(Instant.parse(rfc3339), now));
        } catch (DateTimeParseException e) {
            return "";
        }
    }

    static String of(Duration age) {
        long seconds = Math.max(0, age.toSeconds());
        if (seconds < 120) {
            return seconds + "s";
        }
        if (seconds < 2 * 3600) {
            return seconds / 60 + "m";
        }
        if (seconds < 2 * 86400) {
            return seconds / 3600 + "h";
        }
        return seconds / 86400 + "d";
    }
}
