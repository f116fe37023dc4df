package org.gridloop.infra;

import org.gridloop.contracts.Topics;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules cannot drift: the checked-in script is what {@link KafkaAcls} renders, and what the rules say each
 * service consumes is what its configuration subscribes to.
 */
class KafkaAclsTest {

    static final Path ROOT = Path.of(System.getProperty("gridloop.root", "../..")).toAbsolutePath().normalize();

    @Test
    void theCheckedInScriptIsWhatTheRulesRender() throws IOException {
        if (Boolean.getBoolean("gridloop.acls.write")) {
            KafkaAcls.write(ROOT);
        }
        Path script = ROOT.resolve(KafkaAcls.SCRIPT);
        assertThat(script).exists();
        assertThat(Files.readString(script, StandardCharsets.UTF_8))
                .as("%s is generated: regenerate it with -Dgridloop.acls.write=true (see its header)", script)
                .isEqualTo(KafkaAcls.script());
    }

    @Test
    void eachServiceConsumesWhatItsRulesAllowInItsOwnGroup() throws IOException {
        for (KafkaAcls.Service service : KafkaAcls.SERVICES) {
            Properties config = applicationProperties(service.name());
            Set<String> channels = new HashSet<>();
            config.stringPropertyNames().stream().filter(k -> k.startsWith("mp.messaging.incoming."))
                    .forEach(k -> channels.add(k.split("\\.")[3]));
            assertThat(channels).as(service.name() + "'s incoming channels").containsExactly("events");
            assertThat(List.of(config.getProperty("mp.messaging.incoming.events.topics").split(",")))
                    .as(service.name() + " subscribes to").containsExactlyInAnyOrderElementsOf(service.consumes());
            assertThat(config.getProperty("mp.messaging.incoming.events.group.id")).isEqualTo(service.group());
            Set<String> watched = new HashSet<>(Arrays.asList(
                    config.getProperty("gridloop.admission.lag.groups", "").split(",")));
            watched.remove("");
            watched.remove(service.group());
            assertThat(watched).as(service.name() + " watches the lag of")
                    .containsExactlyInAnyOrderElementsOf(service.watchesGroups());
        }
    }

    @Test
    void everyOwnedTopicIsWrittenByExactlyItsOwner() {
        for (String topic : Topics.ALL) {
            List<String> writers = KafkaAcls.bindings().stream()
                    .filter(b -> b.pattern().name().equals(topic)
                            && b.entry().operation() == org.apache.kafka.common.acl.AclOperation.WRITE)
                    .map(b -> b.entry().principal()).toList();
            if (topic.equals(Topics.DEAD_LETTERS)) {
                assertThat(writers).containsExactlyInAnyOrder("User:grid-intake", "User:report-in", "User:escalation");
            } else {
                assertThat(writers).containsExactly("User:" + Topics.owner(topic).orElseThrow()
                        .substring("/gridloop/".length()));
            }
        }
    }

    static Properties applicationProperties(String service) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(
                ROOT.resolve("services").resolve(service).resolve("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        assertThat(properties).as(service + "'s application.properties").isNotEmpty();
        return properties;
    }
}
