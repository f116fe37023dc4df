package org.gridloop.infra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gridloop.contracts.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The secure broker with {@link KafkaAcls}' rules, for real: a service writes its own topics and no other service's,
 * reads what it consumes in its own group, and a client without a valid login gets nothing at all.
 */
class KafkaAclsIT {

    static KafkaBroker kafka;

    @BeforeAll
    static void start() {
        kafka = KafkaBroker.start(0, null, KafkaBroker.Logins.random());
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void gridIntakeWritesItsOwnTopicAndTheDeadLettersButNoOtherServicesTopic() throws Exception {
        try (KafkaProducer<String, String> producer = producer(kafka.clientConfig("grid-intake"))) {
            assertThat(producer.send(new ProducerRecord<>(Topics.REQUESTS, "r-own", "submitted"))
                    .get(30, TimeUnit.SECONDS).offset()).isNotNegative();
            assertThat(producer.send(new ProducerRecord<>(Topics.DEAD_LETTERS, "r-own", "poison"))
                    .get(30, TimeUnit.SECONDS).offset()).isNotNegative();
            for (String foreign : List.of(Topics.ESCALATIONS, Topics.DISPATCHES)) {
                assertThatThrownBy(() -> producer.send(new ProducerRecord<>(foreign, "r-forged", "escalated"))
                        .get(30, TimeUnit.SECONDS))
                        .as("grid-intake writing %s", foreign)
                        .isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(TopicAuthorizationException.class);
            }
        }
    }

    @Test
    void reportInReadsRequestsInItsOwnGroupOnly() throws Exception {
        String key = "r-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = producer(kafka.clientConfig("grid-intake"))) {
            producer.send(new ProducerRecord<>(Topics.REQUESTS, key, "submitted")).get(30, TimeUnit.SECONDS);
        }
        try (KafkaConsumer<String, String> consumer = consumer(kafka.clientConfig("report-in"), "report-in")) {
            consumer.subscribe(List.of(Topics.REQUESTS));
            List<ConsumerRecord<String, String>> seen = new ArrayList<>();
            Instant deadline = Instant.now().plusSeconds(60);
            while (seen.stream().noneMatch(r -> r.key().equals(key)) && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(500)).forEach(seen::add);
            }
            assertThat(seen).extracting(ConsumerRecord::key).contains(key);
            consumer.commitSync();
        }
        // the same login in another service's group: refused
        try (KafkaConsumer<String, String> consumer = consumer(kafka.clientConfig("report-in"), "escalation")) {
            consumer.subscribe(List.of(Topics.REQUESTS));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(30)))
                    .isInstanceOf(GroupAuthorizationException.class);
        }
        // and a topic it does not consume, even outside any group (as the dead-letter replay reads): refused
        try (KafkaConsumer<String, String> consumer = consumer(kafka.clientConfig("report-in"), null)) {
            consumer.assign(List.of(new TopicPartition(Topics.DISPATCHES, 0)));
            consumer.seekToBeginning(consumer.assignment());
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(30)))
                    .isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void aWrongPasswordOrAnUnknownUserIsRefused() {
        for (String jaas : List.of(
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"grid-intake\""
                        + " password=\"not-the-password\";",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"mallory\""
                        + " password=\"mallory\";")) {
            Map<String, String> config = new HashMap<>(kafka.clientConfig("grid-intake"));
            config.put("sasl.jaas.config", jaas);
            try (Admin admin = admin(config)) {
                assertThatThrownBy(() -> admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(SaslAuthenticationException.class);
            }
        }
    }

    @Test
    void aPlaintextClientGetsNoAnswer() {
        // the listener speaks SASL only: a client that does not log in is disconnected until its deadline
        try (Admin admin = admin(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            assertThatThrownBy(() -> admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TimeoutException.class);
        }
    }

    static KafkaProducer<String, String> producer(Map<String, String> login) {
        Map<String, Object> config = new HashMap<>(login);
        // as the services' outbox relay and dead-letter producer: idempotent, acks=all, no transactions
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    /**
     * A plain client with one service's SCRAM login and group, not EventTopics: what is tested is what the broker
     * lets that login do (EventTopics reads the tests' shared broker without logins).
     */
    static KafkaConsumer<String, String> consumer(Map<String, String> login, String group) {
        Map<String, Object> config = new HashMap<>(login);
        if (group != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    static Admin admin(Map<String, String> login) {
        Map<String, Object> config = new HashMap<>(login);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000);
        return Admin.create(config);
    }
}
