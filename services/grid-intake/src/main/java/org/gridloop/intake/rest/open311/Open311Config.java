package org.gridloop.intake.rest.open311;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

/** {@code gridloop.open311.*}: who this jurisdiction is, and which integrators may post requests. */
@ConfigMapping(prefix = "gridloop.open311")
public interface Open311Config {

    /** The {@code jurisdiction_id} clients may pass; any other value is answered with 404. */
    @WithDefault("demo-city.gridloop")
    String jurisdictionId();

    /**
     * The API keys that may post requests (comma-separated). Every real deployment sets its own, e.g. through
     * {@code GRIDLOOP_OPEN311_API_KEYS}; the default only serves the local stack and the tests.
     */
    @WithDefault("demo-open311-key")
    List<String> apiKeys();

    /** The zone datetimes are written in (the spec wants an offset on each), and that dates without one are read in. */
    @WithDefault("Asia/Shanghai")
    String timeZone();

    /** Discovery: who to contact about this API. */
    @WithDefault("示范市网格化服务管理中心 (12345 hotline), open311@demo-city.gridloop")
    String contact();

    /** Discovery: how integrators get an API key. */
    @WithDefault("API keys are issued by the city's grid management centre to registered channels (12345 hotline, "
            + "apps); ask the contact above.")
    String keyService();

    /** Discovery: when this service list or these endpoints last changed (W3C datetime). */
    @WithDefault("2025-06-01T00:00:00+08:00")
    String changeset();

    /** The public URL of {@code /open311/v2} behind the gateway; derived from the request when not set. */
    Optional<String> baseUrl();
}
