package org.gridloop.platform.db;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;

/**
 * The service's own schema ({@code gridloop.schema}): its tables, migrated by Flyway, and the outbox, inbox and
 * parked events the platform keeps for it. Every repository names its tables in it.
 */
@ConfigMapping(prefix = "gridloop.schema")
public interface DatabaseConfig {

    @WithParentName
    String schema();
}
