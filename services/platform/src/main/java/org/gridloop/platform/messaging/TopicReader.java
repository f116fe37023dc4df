package org.gridloop.platform.messaging;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads topics from their start up to where they ended when it was opened (the dead-letter replay, the escalation
 * read model's rebuild): a consumer outside every group with the broker settings of the service's channels, every
 * partition assigned, nothing committed, and what is written after the opening left for the live consumers.
 */
public final class TopicReader implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final KafkaConsumer<String, byte[]> consumer;
    /** Each partition's end offset when opened; empty partitions are left out. */
    private final Map<TopicPartition, Long> end = new HashMap<>();

    private TopicReader(KafkaConsumer<String, byte[]> consumer, Collection<String> topics) {
        this.consumer = consumer;
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, WAIT);
            if (infos != null) {
                infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        end.putAll(consumer.endOffsets(partitions, WAIT));
        end.values().removeIf(v -> v == 0);
    }

    /** {@code kafkaConfig}: the {@code default-kafka-broker} settings; {@code clientId} names the reader. */
    public static TopicReader open(Map<String, Object> kafkaConfig, String clientId, Collection<String> topics) {
        Map<String, Object> config = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (ConsumerConfig.configNames().contains(key)) {
                config.put(key, value);
            }
        });
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer());
        try {
            return new TopicReader(consumer, topics);
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    /** True once every partition has been read up to its end at the opening. */
    public boolean done() {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey(), WAIT) >= e.getValue());
    }

    /** The next records before the end at the opening (possibly none). */
    public List<ConsumerRecord<String, byte[]>> poll() {
        List<ConsumerRecord<String, byte[]>> before = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
            Long last = end.get(new TopicPartition(record.topic(), record.partition()));
            if (last != null && record.offset() < last) {
                before.add(record);
            }
        }
        return before;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
