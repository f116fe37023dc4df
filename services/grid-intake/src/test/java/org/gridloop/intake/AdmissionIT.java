package org.gridloop.intake;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.gridloop.infra.DemoUser;
import org.gridloop.infra.InfraTestResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.gridloop.intake.Fixtures.body;
import static org.gridloop.intake.Fixtures.metric;
import static org.gridloop.intake.Fixtures.nextSpot;
import static org.gridloop.intake.Fixtures.submit;
import static org.gridloop.intake.Fixtures.token;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * When the consumers after grid-intake fall behind, new submissions are turned away (503, Retry-After) and what is
 * in the loop keeps moving: a grid worker's claim and completion still go through. The lag is real: records on a
 * real Kafka topic that a consumer group (the one this test's configuration names as downstream) has not consumed.
 */
@QuarkusTest
@QuarkusTestResource(InfraTestResource.class)
class AdmissionIT {

    private static final String TOPIC = "gridloop.admission-it";
    private static final String DOWNSTREAM = "admission-it-downstream";
    private static final String REQUESTS = "gridloop_admission_requests_total";

    @Test
    void whileTheLoopIsBehindNewSubmissionsWaitAndCasesInTheLoopStillMove() throws Exception {
        String id = submit(DemoUser.RESIDENT, "garbage", nextSpot()).getString("id");
        TopicPartition partition = new TopicPartition(TOPIC, 0);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
            long end = produce(450);
            // the downstream group has consumed nothing of it: 450 records behind, the limit is 400
            admin.alterConsumerGroupOffsets(DOWNSTREAM, Map.of(partition, new OffsetAndMetadata(0))).all().get();
            try {
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() ->
                        report().post("/api/requests").statusCode() == 503);
                double refused = metric(REQUESTS, "outcome=\"refused\"");
                double admitted = metric(REQUESTS, "outcome=\"admitted\"");
                report().post("/api/requests").then().statusCode(503)
                        .header("Retry-After", equalTo("2"))
                        .contentType("application/problem+json")
                        .body("detail", containsString("try again"));
                // on /q/metrics: exactly this refusal counted, nothing admitted, the lag that refused it
                assertThat(metric(REQUESTS, "outcome=\"refused\"")).isEqualTo(refused + 1);
                assertThat(metric(REQUESTS, "outcome=\"admitted\"")).isEqualTo(admitted);
                assertThat(metric("gridloop_loop_lag_records", "")).isGreaterThan(400);

                // a case already in the loop is not held up
                worker("/api/tasks/" + id + "/claim", null).then().statusCode(200);
                worker("/api/tasks/" + id + "/complete", "{\"note\":\"清理完毕\"}").then().statusCode(200)
                        .body("request.status", equalTo("AWAITING_FEEDBACK"));
            } finally {
                // the downstream consumer catches up: submissions are admitted again
                admin.alterConsumerGroupOffsets(DOWNSTREAM, Map.of(partition, new OffsetAndMetadata(end))).all()
                        .get();
            }
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() ->
                    report().post("/api/requests").statusCode() == 201);
            double admitted = metric(REQUESTS, "outcome=\"admitted\"");
            report().post("/api/requests").then().statusCode(201);
            assertThat(metric(REQUESTS, "outcome=\"admitted\"")).isEqualTo(admitted + 1);
        }
    }

    private static io.restassured.specification.RequestSpecification report() {
        return given().auth().oauth2(token(DemoUser.RESIDENT)).contentType(ContentType.JSON)
                .body(body("garbage", nextSpot()));
    }

    private static io.restassured.response.Response worker(String path, String json) {
        var spec = given().auth().oauth2(token(DemoUser.GRID_WORKER)).contentType(ContentType.JSON);
        return (json == null ? spec : spec.body(json)).post(path);
    }

    private static long produce(int records) throws Exception {
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            long last = 0;
            for (int i = 0; i < records; i++) {
                last = producer.send(new ProducerRecord<>(TOPIC, "k" + i, "{}")).get().offset();
            }
            return last + 1;
        }
    }

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }
}
