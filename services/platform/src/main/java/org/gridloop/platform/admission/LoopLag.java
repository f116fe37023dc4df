package org.gridloop.platform.admission;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.gridloop.platform.background.Background;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Is the loop behind? A service's own slots say nothing about the services after it: a submission is cheap here and
 * costly downstream (the whistle, the departments, the evaluation), so under a surge the work piles up in the
 * consumers' lag while this service still looks idle. This watches the lag of the consumer groups that carry a case
 * to its close ({@code gridloop.admission.lag.groups}): records written to the topics they read and not yet
 * committed by them. Above {@code max-records} the loop is behind and new submissions are refused until the lag is
 * below half of it again, so what is in the loop keeps closing at the rate the loop can close.
 *
 * <p>When Kafka cannot be asked, the last answer stands for {@code stale-after} and then the gate opens: an outage
 * of the broker is not a reason to turn residents away, the outbox keeps their submissions.
 */
@ApplicationScoped
public class LoopLag {

    private static final Logger LOG = Logger.getLogger(LoopLag.class);

    private final AdmissionConfig.Lag config;
    private final Map<String, Object> kafkaConfig;
    private ScheduledExecutorService poller;
    private Admin admin;
    private volatile long lag;
    private volatile boolean behind;
    private volatile long answeredAt;

    /**
     * {@code kafkaConfig}: the {@code default-kafka-broker} settings, so the lag is asked with the service's own login
     * (on a broker with ACLs it needs DESCRIBE on the watched groups, see tools/infra KafkaAcls).
     */
    @Inject
    LoopLag(AdmissionConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.config = config.lag();
        this.kafkaConfig = kafkaConfig;
    }

    LoopLag(AdmissionConfig config) {
        this(config, Map.of());
    }

    void start(@Observes StartupEvent event) {
        if (config.groups().isEmpty() || config.groups().get().isEmpty()) {
            return;
        }
        Properties props = new Properties();
        kafkaConfig.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                props.put(key, value);
            }
        });
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "loop-lag");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) config.interval().toMillis() * 3);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) config.interval().toMillis() * 5);
        admin = Admin.create(props);
        poller = Background.every("loop-lag", config.interval(), config.interval(), this::measure);
    }

    void stop(@Observes ShutdownEvent event) {
        if (poller != null) {
            poller.shutdownNow();
            admin.close(java.time.Duration.ofSeconds(2));
        }
    }

    /** True while the watched consumers are more than {@code max-records} behind (and the answer is fresh). */
    public boolean behind() {
        return behind && System.currentTimeMillis() - answeredAt < config.staleAfter().toMillis();
    }

    /** The last measured lag, in records, summed over the watched groups. */
    public long records() {
        return lag;
    }

    void measure() {
        try {
            record(ask());
        } catch (Exception e) {
            LOG.debugf("loop lag not measured: %s", e.getMessage());
        }
    }

    /** Takes a measured lag: above the limit the loop is behind, below half of it caught up again. */
    void record(long measured) {
        lag = measured;
        answeredAt = System.currentTimeMillis();
        boolean was = behind;
        if (measured > config.maxRecords()) {
            behind = true;
        } else if (measured <= config.maxRecords() / 2) {
            behind = false;
        }
        if (was != behind) {
            LOG.infof("the loop is %s: %d records not yet consumed by %s", behind ? "behind, new submissions wait"
                    : "caught up, new submissions admitted", measured, config.groups().get());
        }
    }

    private long ask() throws Exception {
        Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
        for (String group : config.groups().get()) {
            specs.put(group, new ListConsumerGroupOffsetsSpec());
        }
        var result = admin.listConsumerGroupOffsets(specs);
        Map<TopicPartition, Long> committed = new HashMap<>();
        List<Map<TopicPartition, Long>> perGroup = new java.util.ArrayList<>();
        for (String group : config.groups().get()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = result.partitionsToOffsetAndMetadata(group)
                    .get(config.interval().toMillis() * 3, TimeUnit.MILLISECONDS);
            Map<TopicPartition, Long> own = new HashMap<>();
            offsets.forEach((tp, om) -> {
                if (om != null) {
                    own.put(tp, om.offset());
                    committed.putIfAbsent(tp, om.offset());
                }
            });
            perGroup.add(own);
        }
        if (committed.isEmpty()) {
            return 0;
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        var ends = admin.listOffsets(latest).all().get(config.interval().toMillis() * 3, TimeUnit.MILLISECONDS);
        long total = 0;
        for (Map<TopicPartition, Long> own : perGroup) {
            for (var e : own.entrySet()) {
                var end = ends.get(e.getKey());
                if (end != null) {
                    total += Math.max(0, end.offset() - e.getValue());
                }
            }
        }
        return total;
    }
}
