package org.gridloop.intake;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.camunda.bpm.engine.RuntimeService;
import org.gridloop.contracts.Actor;
import org.gridloop.contracts.AnswerResult;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.DispatchEvents;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.RequestEvents;
import org.gridloop.contracts.Topics;
import org.gridloop.infra.DemoUser;
import org.gridloop.infra.EventTopics;
import org.gridloop.infra.InfraTestResource;
import org.gridloop.intake.domain.RequestStatus;
import org.gridloop.intake.domain.ServiceRequest;
import org.gridloop.intake.process.RequestProcess;
import org.gridloop.intake.repository.RequestQueries;
import org.gridloop.intake.repository.ServiceRequests;
import org.gridloop.platform.db.Steps;
import org.gridloop.platform.outbox.JdbcOutbox;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.gridloop.intake.Fixtures.assertStatus;
import static org.gridloop.intake.Fixtures.awaitStatus;
import static org.gridloop.intake.Fixtures.nextSpot;
import static org.gridloop.intake.Fixtures.submit;
import static org.gridloop.intake.Fixtures.token;

/**
 * One commit per step, against the real database and broker: the record, the engine and the outbox commit
 * together or not at all, and a consumed event is applied once however often it is delivered.
 */
@QuarkusTest
@QuarkusTestResource(InfraTestResource.class)
class StepTransactionIT {

    @Inject
    Steps steps;

    @Inject
    ServiceRequests requests;

    @Inject
    RequestQueries queries;

    @Inject
    RequestProcess process;

    @Inject
    RuntimeService runtime;

    @Inject
    JdbcOutbox outbox;

    private ServiceRequest newRequest(String id) {
        ServiceRequest r = new ServiceRequest();
        r.id = id;
        r.trackingTokenHash = "0".repeat(64);
        r.source = "resident";
        r.category = "water-leak";
        r.description = "事务测试";
        double[] spot = nextSpot(); // not where other tests report water leaks: it would be their duplicate
        r.latitude = spot[0];
        r.longitude = spot[1];
        r.gridCode = "110105001001001";
        r.photoUrls = List.of();
        r.anonymous = true;
        r.status = RequestStatus.SUBMITTED;
        r.round = 1;
        r.createdAt = Instant.now();
        r.updatedAt = r.createdAt;
        return r;
    }

    private void submitStep(String id, boolean fail) {
        steps.run(() -> {
            ServiceRequest request = requests.add(newRequest(id));
            outbox.add(CloudEvent.of(EventTypes.REQUEST_SUBMITTED, "/gridloop/grid-intake", id, Actor.ANONYMOUS,
                    new RequestEvents.Submitted(id, "resident", "water-leak", "事务测试",
                            new RequestEvents.Location(request.latitude, request.longitude, null), "110105001001001",
                            List.of(), true,
                            request.createdAt)));
            process.start(request); // accepts and whistles: two more events, the record moved on
            if (fail) {
                throw new IllegalStateException("the step fails after the engine and the outbox wrote");
            }
            return null;
        });
    }

    @Test
    void aStepThatFailsLeavesNoRecordNoProcessAndNoEventAndOneThatCommitsLeavesAll() throws Throwable {
        String failed = "R-FAILED-" + UUID.randomUUID().toString().substring(0, 8);
        String committed = "R-COMMIT-" + UUID.randomUUID().toString().substring(0, 8);
        try (EventTopics topics = EventTopics.watch(Topics.REQUESTS)) {
            assertThatThrownBy(() -> submitStep(failed, true)).hasMessageContaining("the step fails");
            submitStep(committed, false);

            // the committed step's three events arrive: the marker after which the failed one's would be there too
            await().atMost(EventTopics.PATIENCE).until(() -> topics.events(committed).size() == 3);
            assertThat(topics.events(committed)).extracting(CloudEvent::type).containsExactly(
                    EventTypes.REQUEST_SUBMITTED.name(), EventTypes.REQUEST_ACCEPTED.name(),
                    EventTypes.REQUEST_WHISTLED.name());
            assertThat(topics.events(failed)).isEmpty();
        }
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(failed).count()).isZero();
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(committed).count()).isEqualTo(1);
        assertThat(io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> queries.byId(failed))).isNull();
        ServiceRequest stored = io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> queries.byId(committed));
        assertThat(stored.status).as("the adapters' changes were written with the step").isEqualTo(RequestStatus.WHISTLED);
    }

    @Test
    void theSameResolutionDeliveredTwiceAsksForOneVerification() {
        String id = submit(DemoUser.RESIDENT, "water-leak", nextSpot()).getString("id");
        assertStatus(id, "WHISTLED");
        CloudEvent<DispatchEvents.Resolved> resolved = CloudEvent.of(EventTypes.DISPATCH_RESOLVED, "/gridloop/report-in",
                id, Actor.SYSTEM, new DispatchEvents.Resolved(id, 1, List.of(
                        new DispatchEvents.Answer("water", "lead", AnswerResult.FIXED, "更换管段"))));
        try (EventTopics topics = EventTopics.watch(Topics.REQUESTS)) {
            topics.send(resolved);
            topics.send(resolved);
            awaitStatus(id, "VERIFYING");
            // a later step of the same request, then count: the second delivery was skipped, not pending
            given().auth().oauth2(token(DemoUser.GRID_WORKER)).contentType("application/json")
                    .body("{\"passed\":true}").post("/api/tasks/" + id + "/verification").then().statusCode(200);
            await().atMost(EventTopics.PATIENCE)
                    .until(() -> topics.count(id, EventTypes.REQUEST_FEEDBACK_REQUESTED) == 1);
            assertThat(topics.count(id, EventTypes.REQUEST_VERIFICATION_REQUESTED)).isEqualTo(1);
        }
    }
}
