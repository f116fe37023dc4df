package org.gridloop.platform.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridloop.platform.messaging.EventHandlers;
import org.gridloop.platform.messaging.ParkedEvents;
import org.gridloop.platform.security.Roles;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Operations on this service's parked events (every service has this endpoint): an event whose handler failed every
 * re-drive is DEAD and waits here, its request's later events queued behind it, until an operator has fixed the cause
 * and replays it. The dead letters ({@link DeadLetterResource}) are another thing: records that could not be read at
 * all, kept on a topic.
 */
@Path("/api/admin/parked-events")
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Operations", description = "Dead letters and parked events: re-drive them after a fix")
public class ParkedEventResource {

    private static final Logger LOG = Logger.getLogger(ParkedEventResource.class);

    private final ParkedEvents parked;
    private final Instance<EventHandlers> table;

    ParkedEventResource(ParkedEvents parked, Instance<EventHandlers> table) {
        this.parked = parked;
        this.table = table;
    }

    /**
     * {@code replayed}: the DEAD events that wait for a re-drive again: a round that starts after the messaging
     * metrics' next sample (every 5 s) takes them.
     */
    public record ReplayResult(String consumer, int replayed) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "This service's parked events", description = "Oldest first: WAITING ones are re-driven "
            + "with growing pauses, DEAD ones failed every attempt and wait for a replay; each with the reason of its "
            + "last failure. `limit`: at most this many, 1 to 1000 (100).")
    public List<ParkedEvents.Parked> list(@QueryParam("limit") Integer limit) {
        return parked.list(table.get().consumer(), limit(limit));
    }

    /** At most this many, 100 unless said: 1 to 1000 (a value that is no number is answered by the mappers). */
    static int limit(Integer value) {
        if (value == null) {
            return 100;
        }
        if (value < 1 || value > 1000) {
            throw ProblemException.badField("limit", "a whole number from 1 to 1000");
        }
        return value;
    }

    @POST
    @Path("replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Replay this service's DEAD parked events", description = "Body {\"consumer\": \"<this "
            + "service's consumer group>\"}. Every DEAD event of that consumer waits for a re-drive again with its "
            + "attempts counted from zero; the re-drive applies each request's events in their order. An event that "
            + "still fails is parked again and, after its attempts, DEAD again.")
    public ReplayResult replay(@Valid @NotNull ReplayBody body) {
        String consumer = body.require(table.get().consumer());
        int replayed = parked.replay(consumer);
        LOG.infof("%s: %d DEAD parked events replayed by an operator", consumer, replayed);
        return new ReplayResult(consumer, replayed);
    }
}
