package org.gridloop.escalation;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.RequestEvents;
import org.gridloop.infra.EventTopics;
import org.gridloop.infra.InfraTestResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The cases export needs a period, refuses more cases than it holds before reading any, and streams page by page
 * without losing or repeating a row at a page's edge (pages of 2 here, at most 4 cases).
 */
@QuarkusTest
@QuarkusTestResource(InfraTestResource.class)
@TestProfile(ExportIT.SmallPages.class)
class ExportIT {

    public static class SmallPages implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gridloop.export.page", "2", "gridloop.export.max-rows", "4");
        }
    }

    static final String DAY = "2025-04-01";
    static final String BIG = "110105009003001";
    static final String SMALL = "110105009003002";

    @Test
    void anExportNeedsAPeriodHoldsALimitAndStreamsEveryRowOnce() {
        List<String> big = cases(BIG, 5);
        List<String> small = cases(SMALL, 3);

        String csv = given().auth().oauth2(EvaluationIT.admin()).when()
                .get("/api/audit/cases.csv?unit=" + SMALL + "&period=" + DAY).then().statusCode(200)
                .header("Content-Disposition", containsString("cases.csv")).extract().asString();
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).startsWith("\uFEFFrequest_id,grid_code,day");
        assertThat(lines.subList(1, lines.size()).stream().map(l -> l.split(",")[0]).toList())
                .as("3 rows over pages of 2: each once, in id order").containsExactlyElementsOf(small.stream().sorted()
                        .toList());

        // 5 cases: more than an export holds, refused before any row is read
        given().auth().oauth2(EvaluationIT.admin()).when().get("/api/audit/cases.csv?unit=" + BIG + "&period=" + DAY)
                .then().statusCode(400).body("errors[0].field", equalTo("period"))
                .body("errors[0].message", containsString("5 cases"));
        assertThat(big).hasSize(5);
        // no period, half a period, or more than a year: 400, not all history
        for (String query : List.of("", "&from=" + DAY, "&from=2024-01-01&to=2025-01-01")) {
            given().auth().oauth2(EvaluationIT.admin()).when().get("/api/audit/cases.csv?unit=" + SMALL + query)
                    .then().statusCode(400).contentType("application/problem+json");
        }
    }

    /** Submits n cases in the grid on DAY and waits until the read model has them. */
    private static List<String> cases(String grid, int n) {
        List<String> ids = new ArrayList<>();
        try (EventTopics topics = EventTopics.producer()) {
            for (int i = 0; i < n; i++) {
                String id = TestEvents.newRequestId();
                ids.add(id);
                Instant at = Instant.parse(DAY + "T02:00:00Z").plusSeconds(60L * i);
                CloudEvent<RequestEvents.Submitted> submitted = TestEvents.event(EventTypes.REQUEST_SUBMITTED, id,
                        TestEvents.WORKER, at, EvaluationIT.submitted(id, grid, at));
                topics.send(submitted);
            }
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String id : ids) {
                given().auth().oauth2(EvaluationIT.admin()).when().get("/api/cases/" + id + "/timeline").then()
                        .statusCode(200);
            }
        });
        return ids;
    }
}
