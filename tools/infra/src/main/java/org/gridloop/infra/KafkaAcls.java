package org.gridloop.infra;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.gridloop.contracts.Topics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who may do what on GridLoop's Kafka: the one list of access rules, used by the secure {@link KafkaBroker} (the
 * local stack, {@code KafkaAclsIT}) and rendered as {@code deploy/kafka/gridloop-acls.sh} for docker-compose and
 * Kubernetes ({@code KafkaAclsTest} fails when the checked-in script is not what this class renders).
 *
 * <p>Each service logs in as its own SCRAM-SHA-512 principal, named after the service. The broker denies what no
 * rule allows ({@code allow.everyone.if.no.acl.found=false}); the rules allow
 * <ul>
 *   <li>WRITE (and DESCRIBE) on the topics {@link Topics#owner} gives the service, and on no other;</li>
 *   <li>READ on the topics its consumer subscribes to (READ implies DESCRIBE), and READ on its consumer group;</li>
 *   <li>WRITE on {@link Topics#DEAD_LETTERS} (poison records) and READ on it: the dead-letter replay reads it
 *       outside any group ({@code TopicReader}: assigned partitions, nothing committed, so no group rule);</li>
 *   <li>DESCRIBE on the groups whose lag a service watches (grid-intake's admission, {@code LoopLag}).</li>
 * </ul>
 * No cluster rule: the producers are idempotent but not transactional, and since Kafka 2.8 (KIP-679) WRITE on a topic
 * is enough for an idempotent producer's id; no CREATE either: the topics are created by the super user
 * ({@link #SUPER_USER}) before the services start, and auto-creation is off.
 */
public final class KafkaAcls {

    /** The super user: creates the topics and the rules; never a service's login. */
    public static final String SUPER_USER = "admin";

    /** Where the rendered script is checked in, relative to the repository root. */
    public static final String SCRIPT = "deploy/kafka/gridloop-acls.sh";

    /**
     * A service's Kafka identity: its principal is {@code User:<name>}. {@code consumes} and {@code group} are what
     * its {@code mp.messaging.incoming.events.*} settings say ({@code KafkaAclsTest} compares them);
     * {@code watchesGroups}: other services' groups whose lag it asks for.
     */
    public record Service(String name, String group, List<String> consumes, List<String> watchesGroups) {

        public String principal() {
            return "User:" + name;
        }

        /** The topics {@link Topics#owner} gives this service: the only ones it may write, besides dead letters. */
        public List<String> owns() {
            return Topics.ALL.stream().filter(t -> Topics.owner(t).filter(("/gridloop/" + name)::equals).isPresent())
                    .toList();
        }
    }

    public static final List<Service> SERVICES = List.of(
            new Service("grid-intake", "grid-intake", List.of(Topics.DISPATCHES, Topics.ESCALATIONS),
                    List.of("report-in", "escalation")),
            new Service("report-in", "report-in", List.of(Topics.REQUESTS, Topics.ESCALATIONS), List.of()),
            // the read model's rebuild reads the same three topics outside the group
            new Service("escalation", "escalation", List.of(Topics.REQUESTS, Topics.DISPATCHES, Topics.ESCALATIONS),
                    List.of()));

    private KafkaAcls() {
    }

    public static Service service(String name) {
        return SERVICES.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name));
    }

    /** Every rule, in a stable order: per service, its topics, then the dead letters, then groups. */
    public static List<AclBinding> bindings() {
        List<AclBinding> bindings = new ArrayList<>();
        for (Service service : SERVICES) {
            for (String topic : service.owns()) {
                allow(bindings, service, ResourceType.TOPIC, topic, AclOperation.WRITE, AclOperation.DESCRIBE);
            }
            for (String topic : service.consumes()) {
                allow(bindings, service, ResourceType.TOPIC, topic, AclOperation.READ);
            }
            allow(bindings, service, ResourceType.TOPIC, Topics.DEAD_LETTERS, AclOperation.WRITE, AclOperation.READ);
            allow(bindings, service, ResourceType.GROUP, service.group(), AclOperation.READ);
            for (String group : service.watchesGroups()) {
                allow(bindings, service, ResourceType.GROUP, group, AclOperation.DESCRIBE);
            }
        }
        return bindings;
    }

    private static void allow(List<AclBinding> bindings, Service service, ResourceType type, String name,
                              AclOperation... operations) {
        for (AclOperation operation : operations) {
            bindings.add(new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
                    new AccessControlEntry(service.principal(), "*", operation, AclPermissionType.ALLOW)));
        }
    }

    /**
     * The rules as a POSIX shell script for Kafka's own tools ({@code kafka-topics.sh}, {@code kafka-acls.sh}): it
     * creates the topics and adds every rule, and may run again (both are idempotent). One command per principal,
     * resource type and set of operations.
     */
    public static String script() {
        StringBuilder s = new StringBuilder();
        s.append("""
                #!/bin/sh
                # GENERATED by org.gridloop.infra.KafkaAcls (tools/infra) from services/contracts' Topics: do not edit.
                # KafkaAclsTest fails when this file differs from what the class renders; to regenerate:
                #   ./mvnw -pl tools/infra test -Dtest=KafkaAclsTest -Dgridloop.acls.write=true
                #
                # Creates GridLoop's topics and the access rules of its services on a broker that runs
                # StandardAuthorizer with allow.everyone.if.no.acl.found=false; optionally sets the services'
                # SCRAM-SHA-512 logins. Run it as the super user, with Kafka's tools at hand (the apache/kafka image has
                # them in /opt/kafka/bin), e.g. through deploy/kafka/init-kafka.sh. Safe to run again.
                #
                #   BOOTSTRAP_SERVER     host:port of the broker
                #   COMMAND_CONFIG       client properties of the super user (security.protocol, sasl.mechanism,
                #                        sasl.jaas.config and, for SASL_SSL, the truststore)
                #   SCRAM_PASSWORDS_DIR  optional: where kafka-<service>-password files are; each one found sets
                #                        (or resets) that service's login. Without it the logins must exist already.
                #   KAFKA_BIN            Kafka's bin directory (default /opt/kafka/bin)
                #   GRIDLOOP_TOPIC_PARTITIONS, GRIDLOOP_TOPIC_REPLICATION_FACTOR   (default 3 and 1)
                set -eu
                : "${BOOTSTRAP_SERVER:?host:port of the broker}"
                : "${COMMAND_CONFIG:?a client properties file with the super user's login}"
                KAFKA_BIN="${KAFKA_BIN:-/opt/kafka/bin}"
                PARTITIONS="${GRIDLOOP_TOPIC_PARTITIONS:-3}"
                REPLICATION="${GRIDLOOP_TOPIC_REPLICATION_FACTOR:-1}"

                topic() {
                  "$KAFKA_BIN/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP_SERVER" --command-config "$COMMAND_CONFIG" \\
                    --create --if-not-exists --topic "$1" --partitions "$PARTITIONS" --replication-factor "$REPLICATION"
                }

                login() {
                  file="${SCRAM_PASSWORDS_DIR:-}/kafka-$1-password"
                  if [ -n "${SCRAM_PASSWORDS_DIR:-}" ] && [ -f "$file" ]; then
                    "$KAFKA_BIN/kafka-configs.sh" --bootstrap-server "$BOOTSTRAP_SERVER" --command-config "$COMMAND_CONFIG" \\
                      --alter --entity-type users --entity-name "$1" \\
                      --add-config "SCRAM-SHA-512=[password=$(tr -d '\\r\\n' < "$file")]"
                  fi
                }

                allow() {
                  principal="$1"
                  shift
                  "$KAFKA_BIN/kafka-acls.sh" --bootstrap-server "$BOOTSTRAP_SERVER" --command-config "$COMMAND_CONFIG" \\
                    --add --allow-principal "$principal" --allow-host '*' "$@"
                }

                """);
        s.append("# The topics (auto-creation is off and no service may create one)\n");
        for (String topic : Topics.ALL) {
            s.append("topic ").append(topic).append('\n');
        }
        s.append("\n# The services' logins (when SCRAM_PASSWORDS_DIR has their passwords)\n");
        for (Service service : SERVICES) {
            s.append("login ").append(service.name()).append('\n');
        }
        // principal -> resource -> its operations, in the order of bindings()
        Map<String, Map<ResourcePattern, List<String>>> operations = new LinkedHashMap<>();
        for (AclBinding b : bindings()) {
            operations.computeIfAbsent(b.entry().principal(), p -> new LinkedHashMap<>())
                    .computeIfAbsent(b.pattern(), r -> new ArrayList<>())
                    .add("--operation " + toolName(b.entry().operation()));
        }
        operations.forEach((principal, resources) -> {
            s.append("\n# ").append(principal).append('\n');
            // one command for all resources of a type with the same operations
            Map<List<String>, List<String>> commands = new LinkedHashMap<>();
            resources.forEach((resource, ops) -> commands
                    .computeIfAbsent(List.of(resource.resourceType().name(), String.join(" ", ops)),
                            o -> new ArrayList<>())
                    .add("--" + resource.resourceType().name().toLowerCase() + " " + resource.name()));
            commands.forEach((typeAndOps, names) -> s.append("allow ").append(principal).append(' ')
                    .append(typeAndOps.get(1)).append(' ').append(String.join(" ", names)).append('\n'));
        });
        return s.toString();
    }

    /** kafka-acls.sh's spelling of an operation: Write, Describe, Read. */
    private static String toolName(AclOperation operation) {
        return operation.name().charAt(0) + operation.name().substring(1).toLowerCase();
    }

    /** Writes the script to {@code <root>/deploy/kafka/gridloop-acls.sh}. */
    public static void write(Path root) throws IOException {
        Path file = root.resolve(SCRIPT);
        Files.createDirectories(file.getParent());
        Files.writeString(file, script(), StandardCharsets.UTF_8);
        file.toFile().setExecutable(true, false);
    }
}
