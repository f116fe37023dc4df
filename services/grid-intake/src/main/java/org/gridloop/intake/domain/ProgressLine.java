package org.gridloop.intake.domain;

import java.time.Instant;
import java.util.Map;

/**
 * One step of a case as its resident reads it (办理进展): when, what ({@code code}: the event type without prefix and
 * version, such as {@code request.accepted}), and the codes and values the page words it with. Never free text.
 */
public record ProgressLine(Instant at, String code, Map<String, Object> params) {
}
