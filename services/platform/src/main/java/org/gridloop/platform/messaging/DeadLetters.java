package org.gridloop.platform.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gridloop.contracts.DeadLetterHeaders;
import org.gridloop.contracts.Topics;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Poison records (not a CloudEvent, a type no version of the contracts knows, a payload that does not fit) go to
 * {@link Topics#DEAD_LETTERS} unchanged, with the reason and where they came from in headers, before the batch they
 * came in is acknowledged.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final Map<String, Object> kafkaConfig;
    private volatile KafkaProducer<String, byte[]> producer;
    private final java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();

    DeadLetters(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.kafkaConfig = kafkaConfig;
    }

    public void send(ConsumerRecord<String, byte[]> record, String consumer, String reason) {
        ProducerRecord<String, byte[]> dead = new ProducerRecord<>(Topics.DEAD_LETTERS, null, record.key(),
                record.value(), record.headers());
        dead.headers().add(DeadLetterHeaders.REASON, bytes(reason));
        dead.headers().add(DeadLetterHeaders.CONSUMER, bytes(consumer));
        dead.headers().add(DeadLetterHeaders.TOPIC, bytes(record.topic()));
        dead.headers().add(DeadLetterHeaders.PARTITION, bytes(Integer.toString(record.partition())));
        dead.headers().add(DeadLetterHeaders.OFFSET, bytes(Long.toString(record.offset())));
        try {
            producer().send(dead).get(30, TimeUnit.SECONDS);
            sent.incrementAndGet();
            LOG.warnf("%s: %s-%d@%d dead-lettered: %s", consumer, record.topic(), record.partition(), record.offset(),
                    reason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not dead-letter " + record.topic() + "-" + record.partition()
                    + "@" + record.offset(), e);
        }
    }

    /** Poison records sent to the dead-letter topic since the service started. */
    public long sent() {
        return sent.get();
    }

    private KafkaProducer<String, byte[]> producer() {
        KafkaProducer<String, byte[]> p = producer;
        if (p == null) {
            synchronized (this) {
                p = producer;
                if (p == null) {
                    Map<String, Object> config = new HashMap<>();
                    kafkaConfig.forEach((key, value) -> {
                        if (ProducerConfig.configNames().contains(key)) {
                            config.put(key, value);
                        }
                    });
                    config.put(ProducerConfig.ACKS_CONFIG, "all");
                    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
                    config.put(ProducerConfig.CLIENT_ID_CONFIG, "dead-letters-" + config.getOrDefault(
                            ProducerConfig.CLIENT_ID_CONFIG, "gridloop"));
                    p = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
                    producer = p;
                }
            }
        }
        return p;
    }

    void stop(@Observes ShutdownEvent shutdown) {
        KafkaProducer<String, byte[]> p = producer;
        if (p != null) {
            p.close(Duration.ofSeconds(2));
        }
    }

    private static byte[] bytes(String text) {
        return (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
    }
}
