package org.gridloop.platform.tracing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * Traces ({@code gridloop.tracing.*}). Whether they are on is OpenTelemetry's own setting,
 * {@code quarkus.otel.sdk.disabled} (true by default).
 */
@ConfigMapping(prefix = "gridloop.tracing")
public interface TracingConfig {

    /** How long a case's trace is kept for its later steps to join; a step of an older case starts its own. */
    @WithDefault("P90D")
    Duration caseRetention();
}
