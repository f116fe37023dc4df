package org.gridloop.escalation;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.gridloop.escalation.messaging.ReadModelRebuild;
import org.gridloop.infra.InfraTestResource;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rebuild of the read model meets the reads that go on meanwhile. A supervisor's figures read a roll-up table and
 * then its deltas; the rebuild empties every read-model table. The API fuzzer once got a 500 from {@code /api/kpis}:
 * the rebuild's TRUNCATE held the deltas while it queued for the roll-up the read held, the read asked for the
 * deltas, and PostgreSQL broke the deadlock by failing one of the two.
 */
@QuarkusTest
@QuarkusTestResource(InfraTestResource.class)
class ReadModelRebuildIT {

    @Inject
    ReadModelRebuild rebuild;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aReadHoldingARollUpWhileTheRebuildStartsGetsItsDeltasAndTheRebuildStillFinishes() throws Exception {
        await().atMost(Duration.ofSeconds(120)).until(() -> !"RUNNING".equals(rebuild.status().state()));
        try (Connection read = dataSource.getConnection()) {
            read.setAutoCommit(false);
            try (Statement s = read.createStatement()) {
                count(s, "escalation.kpi_rollup"); // the read holds the roll-up (ACCESS SHARE until it ends)
                assertThat(rebuild.start().state()).isEqualTo("RUNNING");
                // long enough for the rebuild to be at its tables (PostgreSQL looks for deadlocks after 1 s)
                Thread.sleep(1_500);
                // the rebuild cannot have passed its TRUNCATE: the read holds one of its tables
                assertThat(rebuild.status().state()).isEqualTo("RUNNING");
                assertThat(rebuild.status().read()).isZero();
                s.execute("SET LOCAL statement_timeout = '10s'");
                count(s, "escalation.kpi_delta"); // failed with 40P01 (or the rebuild did) before
            }
            read.commit();
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> !"RUNNING".equals(rebuild.status().state()));
        assertThat(rebuild.status().state()).as(rebuild.status().toString()).isEqualTo("DONE");
    }

    private static long count(Statement s, String table) throws Exception {
        try (ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
            r.next();
            return r.getLong(1);
        }
    }
}
