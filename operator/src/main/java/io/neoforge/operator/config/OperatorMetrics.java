package io.neoforge.operator.config;

import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetricsV2;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * JOSDK's reconciliation metrics ({@code reconciliations_*}) on the application's Micrometer registry. Quarkus
 * Operator SDK 7.7.3 hands JOSDK a Metrics bean that a MeterBinder fills in later; in the packaged application the
 * operator is built before that happens and keeps Metrics.NOOP (quarkiverse/quarkus-operator-sdk#1385), so
 * /q/metrics had no reconciliation series and the monitoring overlay's alerts could never fire. This bean replaces
 * that default with the same implementation, built on the registry directly.
 */
@Singleton
public class OperatorMetrics {

    @Produces
    @Singleton
    Metrics reconciliationMetrics(MeterRegistry registry) {
        return MicrometerMetricsV2.newBuilder(registry).build();
    }
}
