package org.gridloop.platform.messaging;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ready only once the service's consumer ({@link EventBatches}) is a member of its group: it joined and got its
 * assignment, and has not lost its membership since (a session timeout, a fenced member). An assignment may be
 * empty (more replicas than partitions): a member without partitions is ready to take some over. A plain
 * rebalance (partitions revoked, then assigned again) does not make the service unready.
 */
@Readiness
@ApplicationScoped
@Identifier(ConsumerMembership.NAME)
public class ConsumerMembership implements KafkaConsumerRebalanceListener, HealthCheck {

    /** What {@code mp.messaging.incoming.events.consumer-rebalance-listener.name} names. */
    public static final String NAME = "gridloop-consumer-membership";

    private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();
    private volatile boolean member;

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        assigned.addAll(partitions);
        member = true;
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        partitions.forEach(assigned::remove);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        partitions.forEach(assigned::remove);
        member = false;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("event consumer").status(member)
                .withData("member", member).withData("partitions", assigned.size()).build();
    }
}
