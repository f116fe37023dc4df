package org.gridloop.platform.messaging;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.gridloop.contracts.DeadLetterHeaders;
import org.gridloop.contracts.Topics;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Re-drives this service's dead letters through its consumer, after a fix (a new version that reads a type it did
 * not know, a corrected producer): the dead-letter topic is read from its start to its current end, the records this
 * service's consumer wrote there are restored to what they were (their topic, partition, offset and headers) and
 * consumed like a polled batch. So what is applicable now is applied once (the inbox skips what was applied
 * before), and what is still poison is counted and left where it is (not dead-lettered a second time, so replays
 * never multiply the topic). Nothing is re-produced to the owners' topics: only their owners write those.
 */
@ApplicationScoped
public class DeadLetterReplay {

    private static final Logger LOG = Logger.getLogger(DeadLetterReplay.class);
    private final EventBatches batches;
    private final Instance<EventHandlers> table;
    private final Map<String, Object> kafkaConfig;

    DeadLetterReplay(EventBatches batches, Instance<EventHandlers> table,
                     @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.batches = batches;
        this.table = table;
        this.kafkaConfig = kafkaConfig;
    }

    /**
     * @param read        dead letters read, of every consumer
     * @param replayed    those of this service's consumer, consumed again
     * @param stillPoison of those, the ones that are poison still (left in the dead letters)
     */
    public record Result(String consumer, int read, int replayed, int stillPoison) {
    }

    /** The consumer group whose dead letters this service replays. */
    public String consumer() {
        return table.get().consumer();
    }

    /** One replay at a time per instance: a second caller waits for the first. */
    public synchronized Result replay() {
        String consumer = consumer();
        int read = 0;
        int replayed = 0;
        int stillPoison = 0;
        try (TopicReader reader = TopicReader.open(kafkaConfig, "dead-letter-replay", List.of(Topics.DEAD_LETTERS))) {
            while (!reader.done()) {
                List<ConsumerRecord<String, byte[]>> mine = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> dead : reader.poll()) {
                    read++;
                    if (consumer.equals(header(dead, DeadLetterHeaders.CONSUMER))) {
                        original(dead).ifPresent(mine::add);
                    }
                }
                replayed += mine.size();
                stillPoison += batches.consumeRecords(mine, false);
            }
        }
        LOG.infof("%s: replayed %d of %d dead letters, %d still poison", consumer, replayed, read, stillPoison);
        return new Result(consumer, read, replayed, stillPoison);
    }

    /** The record as the consumer first polled it; empty when the dead letter does not say where it came from. */
    static Optional<ConsumerRecord<String, byte[]>> original(ConsumerRecord<String, byte[]> dead) {
        String topic = header(dead, DeadLetterHeaders.TOPIC);
        String partition = header(dead, DeadLetterHeaders.PARTITION);
        String offset = header(dead, DeadLetterHeaders.OFFSET);
        if (topic == null || partition == null || offset == null) {
            return Optional.empty();
        }
        RecordHeaders headers = new RecordHeaders();
        for (Header h : dead.headers()) {
            if (!DeadLetterHeaders.ALL.contains(h.key())) {
                headers.add(h);
            }
        }
        try {
            return Optional.of(new ConsumerRecord<>(topic, Integer.parseInt(partition), Long.parseLong(offset),
                    dead.timestamp(), TimestampType.CREATE_TIME, -1, -1, dead.key(), dead.value(), headers,
                    Optional.empty()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
