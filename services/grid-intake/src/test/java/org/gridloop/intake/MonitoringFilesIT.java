package org.gridloop.intake;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.gridloop.infra.InfraTestResource;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert rules and the dashboard in deploy/monitoring name only series a running service exposes: grid-intake has
 * every one of them (the platform's, the engine's, Kafka's, its own; the loop's histogram from the start, at 0).
 */
@QuarkusTest
@QuarkusTestResource(InfraTestResource.class)
class MonitoringFilesIT {

    static final Path MONITORING = Path.of(System.getProperty("gridloop.root", "../..")).toAbsolutePath().normalize()
            .resolve("deploy/monitoring");
    static final Pattern SERIES = Pattern.compile("\\b(gridloop_[a-z_]+|kafka_consumer_[a-z_]+)");

    @Test
    void everySeriesTheAlertsAndTheDashboardUseExists() throws Exception {
        Set<String> used = new TreeSet<>();
        for (String file : new String[]{"gridloop-alerts.yml", "gridloop-dashboard.json"}) {
            Matcher m = SERIES.matcher(Files.readString(MONITORING.resolve(file)));
            while (m.find()) {
                used.add(m.group(1));
            }
        }
        assertThat(used).as("series named in deploy/monitoring").hasSizeGreaterThan(8);
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Set<String> exposed = new TreeSet<>();
        metrics.lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                .forEach(l -> exposed.add(l.split("[{ ]", 2)[0]));
        assertThat(exposed).as("series on grid-intake's /q/metrics").containsAll(used);
    }
}
