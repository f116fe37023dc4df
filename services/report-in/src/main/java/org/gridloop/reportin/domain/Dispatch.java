package org.gridloop.reportin.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/**
 * One whistle round of a request (a request whistled again after a failed verification gets round 2), created
 * with the case details in the step that consumed the whistle, which also starts the round's process.
 */
@Entity
@Table(name = "dispatch")
public class Dispatch extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "request_id", nullable = false)
    public String requestId;

    public int round;

    public String category;

    @Column(length = 4000)
    public String description;

    @Column(name = "grid_code", length = 15)
    public String gridCode;

    @Column(length = 6)
    public String district;

    public Double latitude;

    public Double longitude;

    public String address;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DispatchStatus status;

    public boolean fallback;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The resolution limit the round was called with, for departments called later (re-routes). */
    @Column(name = "resolve_limit_ms")
    public Long resolveLimitMs;

    @Column(name = "closed_by_order")
    public boolean closedByOrder;

    /** The routing table's limit class the round was called with (general when no rule matched). */
    @Column(name = "limit_class")
    public String limitClass;

    /**
     * The report-in and resolution limits the routing table stated for the category (NWD, NWH or ISO-8601), for
     * every department of the round and of a reopened one; null: the configured report-in limit, the limit class's.
     */
    @Column(name = "report_in_limit")
    public String reportInLimit;

    @Column(name = "resolve_limit")
    public String resolveLimit;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    @Version
    public long version;

    public static String id(String requestId, int round) {
        return requestId + "/" + round;
    }

    public static Dispatch open(String requestId, int round) {
        Dispatch dispatch = new Dispatch();
        dispatch.id = id(requestId, round);
        dispatch.requestId = requestId;
        dispatch.round = round;
        dispatch.status = DispatchStatus.OPEN;
        dispatch.createdAt = Instant.now();
        return dispatch;
    }

    /** Final: a replayed resolved event changes nothing. */
    public boolean resolve(Instant at) {
        if (status == DispatchStatus.RESOLVED) {
            return false;
        }
        status = DispatchStatus.RESOLVED;
        resolvedAt = at;
        return true;
    }

    /** Closed by a supervisor's order before every department answered; false unless OPEN. */
    public boolean closeByOrder(Instant at) {
        if (!resolve(at)) {
            return false;
        }
        closedByOrder = true;
        return true;
    }
}
