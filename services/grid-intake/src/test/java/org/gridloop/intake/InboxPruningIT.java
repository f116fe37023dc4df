package org.gridloop.intake;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.gridloop.infra.InfraTestResource;
import org.gridloop.infra.SharedInfra;
import org.gridloop.platform.inbox.InboxPruning;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The inbox forgets marks past the retention, in batches, and keeps every younger one. */
@QuarkusTest
@QuarkusTestResource(InfraTestResource.class)
class InboxPruningIT {

    static final String CONSUMER = "inbox-pruning-test";

    @Inject
    InboxPruning pruning;

    @Test
    void marksPastTheRetentionAreDeletedAndYoungerOnesKept() throws Exception {
        Instant now = Instant.now();
        List<String> old = insert(25_001, now.minus(Duration.ofDays(20))); // more than two batches of 10 000
        List<String> young = insert(3, now.minus(Duration.ofDays(13)));

        int deleted = pruning.prune(now.minus(Duration.ofDays(14)));

        assertThat(count(old)).isZero();
        assertThat(count(young)).isEqualTo(3);
        assertThat(deleted).isGreaterThanOrEqualTo(old.size()); // other tests' marks are all younger than 14 days
    }

    private static List<String> insert(int n, Instant appliedAt) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection c = SharedInfra.get().postgres().connect(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO grid_intake.inbox (consumer, event_id, event_type, applied_at) VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < n; i++) {
                String id = UUID.randomUUID().toString();
                ids.add(id);
                insert.setString(1, CONSUMER);
                insert.setString(2, id);
                insert.setString(3, "gridloop.dispatch.resolved.v1");
                insert.setTimestamp(4, Timestamp.from(appliedAt));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return ids;
    }

    private static long count(List<String> ids) throws Exception {
        try (Connection c = SharedInfra.get().postgres().connect(); PreparedStatement q = c.prepareStatement(
                "SELECT count(*) FROM grid_intake.inbox WHERE consumer = ? AND event_id = ANY (?)")) {
            q.setString(1, CONSUMER);
            q.setArray(2, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
