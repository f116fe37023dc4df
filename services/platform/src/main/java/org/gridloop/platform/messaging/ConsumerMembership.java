package org.gridloop.platform.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.Interceptor;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ready only once the service's consumer ({@link EventBatches}) is a member of its group: it joined and got its
 * assignment, and has not lost its membership since (a session timeout, a fenced member). An assignment may be
 * empty (more replicas than partitions): a member without partitions is ready to take some over. A plain
 * rebalance (partitions revoked, then assigned again) does not make the service unready.
 *
 * <p>On shutdown it stops the fetching first: the channel's consumer (one per instance by default; several with a
 * {@code concurrency} above 1) pauses its partitions, and a partition assigned while the service stops (another
 * consumer leaving the group hands its partitions round) is paused as it comes. Records fetched after the connector
 * stopped handing batches on would wait, unprocessed and uncommitted, until the connector gives up on them; the
 * fault run measured a rolling restart's instance taking 10.7 s to exit so. What was fetched before is applied and
 * committed as the connector closes each consumer.
 */
@Readiness
@ApplicationScoped
@Identifier(ConsumerMembership.NAME)
public class ConsumerMembership implements KafkaConsumerRebalanceListener, HealthCheck {

    /** What {@code mp.messaging.incoming.events.consumer-rebalance-listener.name} names. */
    public static final String NAME = "gridloop-consumer-membership";

    private static final Logger LOG = Logger.getLogger(ConsumerMembership.class);

    private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();
    private final Instance<KafkaClientService> clients;
    private volatile boolean member;
    private volatile boolean stopping;

    ConsumerMembership(Instance<KafkaClientService> clients) {
        this.clients = clients;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (stopping && !partitions.isEmpty()) {
            consumer.pause(partitions); // on the polling thread, inside its poll: nothing is fetched for them
        }
        assigned.addAll(partitions);
        member = true;
    }

    /**
     * Before anything else stops: the channel's consumers stop fetching (see the class comment). With a
     * {@code concurrency} above 1 the connector names them {@code events$1}, {@code events$2} …; they are paused
     * together, waiting at most a second in all. Best effort: the connector pauses and resumes a batch channel's
     * consumers by itself as its queue fills and empties; what bounds the stop is its own close (twice the poll
     * timeout, then at most the commit interval for a batch in flight, per consumer).
     */
    void stop(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent shutdown) {
        stopping = true;
        if (!clients.isResolvable()) {
            return;
        }
        KafkaClientService service = clients.get();
        List<Uni<Set<TopicPartition>>> pauses = new ArrayList<>();
        for (String channel : service.getConsumerChannels()) {
            if (channel.equals(EventBatches.CHANNEL) || channel.startsWith(EventBatches.CHANNEL + "$")) {
                service.<Object, Object>getConsumers(channel).forEach(consumer -> pauses.add(consumer.pause()));
            }
        }
        if (pauses.isEmpty()) {
            return;
        }
        try {
            Uni.join().all(pauses).andCollectFailures().await().atMost(Duration.ofSeconds(1));
            LOG.debugf("shutdown: %d consumers paused", pauses.size());
        } catch (RuntimeException e) {
            // a consumer in its last poll or already closed: the connector's own close pauses it
            LOG.debugf("shutdown: pausing %d consumers: %s", pauses.size(), e.getMessage());
        }
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
