package org.gridloop.intake;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
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
import org.gridloop.infra.SharedInfra;
import org.gridloop.intake.application.PhotoCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.gridloop.intake.Fixtures.assertStatus;
import static org.gridloop.intake.Fixtures.awaitStatus;
import static org.gridloop.intake.Fixtures.nextSpot;
import static org.gridloop.intake.Fixtures.token;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * 照片 through the public API against real PostgreSQL and Kafka: an upload is kept without its metadata and upright,
 * attached by the step that names it, shown to whoever may see its request and to nobody else, published through
 * Open311 only where the reporter allowed it; a file too large or of the wrong type is refused and nothing is stored.
 */
@QuarkusTest
@QuarkusTestResource(InfraTestResource.class)
class PhotosIT {

    static EventTopics requests;

    @Inject
    PhotoCommands photoCommands;

    @BeforeAll
    static void watch() {
        requests = EventTopics.watch(Topics.REQUESTS);
    }

    @AfterAll
    static void close() {
        requests.close();
    }

    private static RequestSpecification as(DemoUser user) {
        return user == null ? given() : given().auth().oauth2(token(user));
    }

    private static JsonPath upload(DemoUser user, byte[] photo, String type) {
        return as(user).contentType(type).body(photo).when().post("/api/photos")
                .then().statusCode(201).extract().jsonPath();
    }

    private static String report(String category, String photoIdsJson, boolean anonymous, boolean photosPublic) {
        double[] spot = nextSpot();
        return """
                {"category":"%s","description":"照片测试","location":{"latitude":%s,"longitude":%s},
                 "photoIds":%s,"anonymous":%s,"photosPublic":%s}""".formatted(category, spot[0], spot[1], photoIdsJson,
                anonymous, photosPublic);
    }

    @Test
    void aFileTooLargeOrOfTheWrongTypeIsRefusedAndNothingIsStored() throws Exception {
        long before = photoRows();
        byte[] huge = Arrays.copyOf(TestPhotos.phoneJpeg(64, 64, 1), 8 * 1024 * 1024 + 1);
        given().contentType("image/jpeg").body(huge).when().post("/api/photos")
                .then().statusCode(413).contentType("application/problem+json");
        given().contentType("text/plain").body("a shopping list").when().post("/api/photos")
                .then().statusCode(415).contentType("application/problem+json");
        given().contentType("image/jpeg").body(TestPhotos.png(40, 40)).when().post("/api/photos")
                .then().statusCode(415);
        given().contentType("image/png").body("GIF89a not a png".getBytes()).when().post("/api/photos")
                .then().statusCode(415);
        byte[] truncated = Arrays.copyOf(TestPhotos.phoneJpeg(400, 200, 1), 300);
        given().contentType("image/jpeg").body(truncated).when().post("/api/photos").then().statusCode(415);
        given().contentType("image/jpeg").body(new byte[0]).when().post("/api/photos").then().statusCode(400);
        assertThat(photoRows()).as("nothing of a refused upload is stored").isEqualTo(before);
        // only photos get the larger limit: any other body over 1 MB is refused before it is read
        given().contentType(ContentType.JSON).body("{\"description\":\"" + "x".repeat(1024 * 1024) + "\"}")
                .when().post("/api/requests").then().statusCode(413);
    }

    @Test
    void aResidentsPhotoIsKeptWithoutMetadataUprightAndShownOnlyToWhoMaySeeTheCase() {
        JsonPath up = upload(null, TestPhotos.phoneJpeg(400, 200, 6), "image/jpeg");
        String photo = up.getString("id");
        assertThat(up.getInt("width")).as("turned upright").isEqualTo(200);
        assertThat(up.getInt("height")).isEqualTo(400);
        // not attached yet: served to nobody
        as(DemoUser.GRID_WORKER).when().get("/api/photos/" + photo).then().statusCode(404);

        JsonPath submitted = given().contentType(ContentType.JSON)
                .body(report("garbage", "[\"" + photo + "\"]", true, false))
                .when().post("/api/requests").then().statusCode(201).extract().jsonPath();
        String id = submitted.getString("id");
        String tracking = submitted.getString("trackingToken");
        given().header("X-Tracking-Token", tracking).when().get("/api/requests/" + id).then().statusCode(200)
                .body("photos.id", contains(photo))
                .body("photos[0].stage", equalTo("REPORT"))
                .body("photos[0].url", equalTo("/api/photos/" + photo))
                .body("photos[0].thumbnailUrl", equalTo("/api/photos/" + photo + "/thumbnail"));

        byte[] kept = given().header("X-Tracking-Token", tracking).when().get("/api/photos/" + photo)
                .then().statusCode(200).contentType("image/jpeg").header("X-Content-Type-Options", "nosniff")
                .extract().asByteArray();
        assertThat(TestPhotos.contains(kept, TestPhotos.SECRET)).as("the phone's EXIF left behind").isFalse();
        assertThat(TestPhotos.contains(kept, "Exif")).isFalse();
        BufferedImage image = TestPhotos.decode(kept);
        assertThat(image.getWidth()).isEqualTo(200);
        assertThat(image.getHeight()).isEqualTo(400);
        BufferedImage thumb = TestPhotos.decode(given().header("X-Tracking-Token", tracking)
                .when().get("/api/photos/" + photo + "/thumbnail").then().statusCode(200).contentType("image/jpeg")
                .extract().asByteArray());
        assertThat(thumb.getHeight()).isEqualTo(320);
        assertThat(thumb.getWidth()).isEqualTo(160);

        // the grid's worker sees it; another grid's worker, another resident, a wrong token and nobody do not
        as(DemoUser.GRID_WORKER).when().get("/api/photos/" + photo).then().statusCode(200);
        as(DemoUser.GRID_WORKER_2).when().get("/api/photos/" + photo).then().statusCode(404);
        as(DemoUser.RESIDENT_2).when().get("/api/photos/" + photo + "/thumbnail").then().statusCode(404);
        given().header("X-Tracking-Token", "wrong").when().get("/api/photos/" + photo).then().statusCode(404);
        given().when().get("/api/photos/" + photo).then().statusCode(404);

        // the event names it; a photo is used once: naming it again refuses the whole report and stores nothing
        await().atMost(EventTopics.PATIENCE).until(() -> requests.count(id, EventTypes.REQUEST_SUBMITTED) > 0);
        RequestEvents.Submitted event = (RequestEvents.Submitted) requests.events(id).get(0).data();
        assertThat(event.photoIds()).containsExactly(photo);
        given().contentType(ContentType.JSON).body(report("garbage", "[\"" + photo + "\"]", true, false))
                .when().post("/api/requests").then().statusCode(400).body("errors[0].field", equalTo("photoIds"));
        given().contentType(ContentType.JSON).body(report("garbage", "[\"nosuchphoto0000000000\"]", true, false))
                .when().post("/api/requests").then().statusCode(400).body("errors[0].field", equalTo("photoIds"));
        given().contentType(ContentType.JSON).body(report("garbage", "[\"../../etc/passwd\"]", true, false))
                .when().post("/api/requests").then().statusCode(400).body("errors[0].field", equalTo("photoIds[0]"));
    }

    @Test
    void aSignedInUploadIsItsUploadersOnly() throws Exception {
        String theirs = upload(DemoUser.RESIDENT_2, TestPhotos.png(50, 30), "image/png").getString("id");
        long requestsBefore = requestRows();
        as(DemoUser.RESIDENT).contentType(ContentType.JSON).body(report("garbage", "[\"" + theirs + "\"]", false, false))
                .when().post("/api/requests").then().statusCode(400).body("errors[0].field", equalTo("photoIds"));
        assertThat(requestRows()).as("the refused report stored nothing").isEqualTo(requestsBefore);
        // still unused: its uploader can still use it
        String id = as(DemoUser.RESIDENT_2).contentType(ContentType.JSON)
                .body(report("garbage", "[\"" + theirs + "\"]", false, false))
                .when().post("/api/requests").then().statusCode(201).extract().path("id");
        as(DemoUser.RESIDENT_2).when().get("/api/requests/" + id).then().body("photos[0].contentType", equalTo("image/png"));
    }

    @Test
    void theGridWorkerAddsBeforeAndAfterPhotosAndTheVerifierWhatTheySaw() {
        String id = Fixtures.submit(DemoUser.RESIDENT, "garbage", nextSpot()).getString("id");
        assertStatus(id, "GRID_HANDLING");
        String before = upload(DemoUser.GRID_WORKER, TestPhotos.phoneJpeg(300, 200, 1), "image/jpeg").getString("id");
        String after = upload(DemoUser.GRID_WORKER, TestPhotos.png(300, 200), "image/png").getString("id");
        String othersUpload = upload(DemoUser.GRID_WORKER_2, TestPhotos.png(30, 20), "image/png").getString("id");
        as(DemoUser.GRID_WORKER).contentType(ContentType.JSON).post("/api/tasks/" + id + "/claim").then().statusCode(200);
        // another worker's upload is not this worker's to use: the handling is refused whole
        as(DemoUser.GRID_WORKER).contentType(ContentType.JSON)
                .body("{\"note\":\"清理完毕\",\"beforePhotoIds\":[\"" + before + "\"],\"afterPhotoIds\":[\"" + othersUpload
                        + "\"]}")
                .post("/api/tasks/" + id + "/complete").then().statusCode(400)
                .body("errors[0].field", equalTo("afterPhotoIds"));
        assertStatus(id, "GRID_HANDLING");
        as(DemoUser.GRID_WORKER).contentType(ContentType.JSON)
                .body("{\"note\":\"清理完毕\",\"beforePhotoIds\":[\"" + before + "\"],\"afterPhotoIds\":[\"" + after
                        + "\"]}")
                .post("/api/tasks/" + id + "/complete").then().statusCode(200);
        as(DemoUser.RESIDENT).when().get("/api/requests/" + id).then().statusCode(200)
                .body("photos.id", contains(before, after))
                .body("photos.stage", contains("BEFORE", "AFTER"));
        as(DemoUser.RESIDENT).when().get("/api/photos/" + after).then().statusCode(200).contentType("image/png");

        // 核查: a whistled case verified on site with a photo
        String whistled = Fixtures.submit(DemoUser.RESIDENT, "garbage", nextSpot()).getString("id");
        as(DemoUser.GRID_WORKER).contentType(ContentType.JSON).body("{\"reason\":\"需要部门\"}")
                .post("/api/tasks/" + whistled + "/whistle").then().statusCode(200);
        requests.send(CloudEvent.of(EventTypes.DISPATCH_RESOLVED, "/gridloop/report-in", whistled, Actor.SYSTEM,
                new DispatchEvents.Resolved(whistled, 1, List.of(
                        new DispatchEvents.Answer("water", "lead", AnswerResult.FIXED, null)))));
        awaitStatus(whistled, "VERIFYING");
        String seen = upload(DemoUser.GRID_WORKER, TestPhotos.phoneJpeg(100, 100, 1), "image/jpeg").getString("id");
        as(DemoUser.GRID_WORKER).contentType(ContentType.JSON)
                .body("{\"passed\":true,\"photoIds\":[\"" + seen + "\"]}")
                .post("/api/tasks/" + whistled + "/verification").then().statusCode(200);
        as(DemoUser.GRID_WORKER).when().get("/api/requests/" + whistled).then()
                .body("photos.stage", contains("VERIFY"));
        await().atMost(EventTopics.PATIENCE).until(() -> requests.count(whistled, EventTypes.REQUEST_VERIFIED) > 0);
        RequestEvents.Verified verified = (RequestEvents.Verified) requests.events(whistled).stream()
                .filter(e -> e.type().equals(EventTypes.REQUEST_VERIFIED.name())).findFirst().orElseThrow().data();
        assertThat(verified.photoIds()).containsExactly(seen);
    }

    @Test
    void open311PublishesTheReportsPhotoOnlyWhereTheReporterAllowedIt() {
        String shared = upload(null, TestPhotos.phoneJpeg(120, 80, 1), "image/jpeg").getString("id");
        String kept = upload(null, TestPhotos.phoneJpeg(120, 80, 1), "image/jpeg").getString("id");
        String open = given().contentType(ContentType.JSON).body(report("garbage", "[\"" + shared + "\"]", true, true))
                .when().post("/api/requests").then().statusCode(201).extract().path("id");
        String closed = given().contentType(ContentType.JSON).body(report("garbage", "[\"" + kept + "\"]", true, false))
                .when().post("/api/requests").then().statusCode(201).extract().path("id");
        String media = given().when().get("/open311/v2/requests/" + open + ".json").then().statusCode(200)
                .body("[0].media_url", endsWith("/open311/v2/media/" + shared)).extract().path("[0].media_url");
        byte[] published = given().when().get(media.substring(media.indexOf("/open311/"))).then().statusCode(200)
                .header("Cache-Control", org.hamcrest.Matchers.startsWith("public")).extract().asByteArray();
        assertThat(TestPhotos.contains(published, TestPhotos.SECRET)).isFalse();
        given().when().get("/open311/v2/requests/" + closed + ".json").then().statusCode(200)
                .body("[0].media_url", nullValue());
        given().when().get("/open311/v2/media/" + kept).then().statusCode(404);
    }

    @Test
    void uploadsNeverUsedAreDeletedAfterADay() throws Exception {
        String old = upload(null, TestPhotos.png(20, 20), "image/png").getString("id");
        String fresh = upload(null, TestPhotos.png(20, 20), "image/png").getString("id");
        sql("UPDATE grid_intake.photo SET uploaded_at = now() - interval '25 hours' WHERE id = '" + old + "'");
        assertThat(photoCommands.prune()).isGreaterThanOrEqualTo(1);
        assertThat(count("SELECT count(*) FROM grid_intake.photo WHERE id = '" + old + "'")).isZero();
        assertThat(count("SELECT count(*) FROM grid_intake.photo WHERE id = '" + fresh + "'")).isEqualTo(1);
    }

    private static long photoRows() throws Exception {
        return count("SELECT count(*) FROM grid_intake.photo");
    }

    private static long requestRows() throws Exception {
        return count("SELECT count(*) FROM grid_intake.service_request");
    }

    private static long count(String query) throws Exception {
        try (var c = SharedInfra.get().postgres().connect(); var rs = c.createStatement().executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void sql(String statement) throws Exception {
        try (var c = SharedInfra.get().postgres().connect()) {
            c.createStatement().executeUpdate(statement);
        }
    }
}
