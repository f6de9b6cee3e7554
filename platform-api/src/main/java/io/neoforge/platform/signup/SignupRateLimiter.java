package io.neoforge.platform.signup;

import io.neoforge.platform.PlatformApiConfig;
import io.neoforge.platform.problem.ProblemException;
import io.neoforge.platform.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A token bucket per client address: {@code requests} signups, refilled evenly over {@code period}. In memory, so
 * each replica limits on its own; that is enough to stop a single client from flooding the API with tenants.
 */
@ApplicationScoped
public class SignupRateLimiter {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final double capacity;
    private final double tokensPerNano;
    private final int maxClients;

    public SignupRateLimiter(PlatformApiConfig config) {
        PlatformApiConfig.RateLimit limit = config.signup().rateLimit();
        this.capacity = limit.requests();
        this.tokensPerNano = limit.requests() / (double) limit.period().toNanos();
        this.maxClients = limit.maxClients();
    }

    /** Takes one request from the client's allowance, or refuses with 429 and {@code Retry-After}. */
    public void acquire(String client) {
        long now = System.nanoTime();
        if (buckets.size() >= maxClients) {
            forgetIdle(now);
        }
        Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(capacity, now));
        long waitNanos = bucket.take(now, capacity, tokensPerNano);
        if (waitNanos > 0) {
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + TimeUnit.SECONDS.toNanos(1) - 1));
            throw new ProblemException(
                    ProblemType.RATE_LIMITED,
                    429,
                    "too many signups from your address; retry in " + seconds + " s",
                    null,
                    Map.of("Retry-After", Long.toString(seconds)));
        }
    }

    /** Buckets that have refilled completely carry no information. */
    private void forgetIdle(long now) {
        buckets.entrySet().removeIf(entry -> entry.getValue().isFull(now, capacity, tokensPerNano));
    }

    private static final class Bucket {
        private double tokens;
        private long updated;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updated = now;
        }

        /** 0 when a token was taken, else nanoseconds until one is available. */
        synchronized long take(long now, double capacity, double tokensPerNano) {
            refill(now, capacity, tokensPerNano);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / tokensPerNano);
        }

        synchronized boolean isFull(long now, double capacity, double tokensPerNano) {
            refill(now, capacity, tokensPerNano);
            return tokens >= capacity;
        }

        private void refill(long now, double capacity, double tokensPerNano) {
            tokens = Math.min(capacity, tokens + (now - updated) * tokensPerNano);
            updated = now;
        }
    }
}
