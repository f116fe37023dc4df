#!/bin/bash
# Starts a one-node Kafka (KRaft: broker and controller in one process) with logins and ACLs, in the apache/kafka
# image, for docker-compose.yml (SASL_PLAINTEXT inside the compose network) and deploy/compose/production.yml
# (SASL_SSL). The ACLs and topics come afterwards from kafka-init (init-kafka.sh, gridloop-acls.sh).
#
#   KAFKA_CLUSTER_ID       fixed, so that the formatted volume matches on every restart
#   KAFKA_ADVERTISED_HOST  the name clients reach the broker by (default kafka); for SASL_SSL the certificate's SAN
#   KAFKA_CLIENT_PROTOCOL  SASL_PLAINTEXT (default) or SASL_SSL
#   KAFKA_SCRAM_USERS      the SCRAM-SHA-512 logins written into the metadata log when the volume is first formatted,
#                          the super user "admin" first; each one's password is read from
#                          /run/secrets/kafka-<user>-password (letters, digits, '.', '_', '~', '-' only).
#                          Later changes: init-kafka.sh sets the services' passwords again on every start.
#   KAFKA_BIN, KAFKA_SECRETS_DIR, KAFKA_DATA_DIR  default /opt/kafka/bin, /run/secrets, /var/lib/kafka/data
#   SASL_SSL also reads /run/secrets/kafka-tls-key (PKCS#8 PEM, unencrypted), kafka-tls-crt (PEM chain) and
#   kafka-ca (PEM, the CA the clients trust).
set -euo pipefail
secrets="${KAFKA_SECRETS_DIR:-/run/secrets}"
bin="${KAFKA_BIN:-/opt/kafka/bin}"
host="${KAFKA_ADVERTISED_HOST:-kafka}"
protocol="${KAFKA_CLIENT_PROTOCOL:-SASL_PLAINTEXT}"
: "${KAFKA_CLUSTER_ID:?set KAFKA_CLUSTER_ID}"
: "${KAFKA_SCRAM_USERS:?set KAFKA_SCRAM_USERS, e.g. admin grid-intake report-in escalation}"
conf="${TMPDIR:-/tmp}/gridloop-kafka"
umask 077
mkdir -p "$conf"

password() {
  local file="$secrets/kafka-$1-password" value
  [ -s "$file" ] || { echo "start-kafka: the secret $file is missing or empty" >&2; exit 1; }
  value="$(tr -d '\r\n' < "$file")"
  [[ "$value" =~ ^[A-Za-z0-9._~-]{16,}$ ]] || {
    echo "start-kafka: $file must hold at least 16 of A-Z a-z 0-9 . _ ~ -" >&2; exit 1; }
  printf '%s' "$value"
}

admin_jaas="org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" password=\"$(password admin)\";"
tls=""
if [ "$protocol" = SASL_SSL ]; then
  cat "$secrets/kafka-tls-key" "$secrets/kafka-tls-crt" > "$conf/keystore.pem"
  tls="ssl.keystore.type=PEM
ssl.keystore.location=$conf/keystore.pem
ssl.truststore.type=PEM
ssl.truststore.location=$secrets/kafka-ca"
elif [ "$protocol" != SASL_PLAINTEXT ]; then
  echo "start-kafka: KAFKA_CLIENT_PROTOCOL must be SASL_PLAINTEXT or SASL_SSL" >&2; exit 1
fi

cat > "$conf/server.properties" <<PROPERTIES
process.roles=broker,controller
node.id=1
# The controller listener is PLAINTEXT and bound to the container's loopback: the broker's requests to its own
# controller arrive as User:ANONYMOUS, which is therefore a super user (they need CLUSTER_ACTION, and the ACLs that
# could grant it are in the metadata the controller serves). Only a process inside this container reaches it, and
# such a process could read the volume anyway. CLIENT is the only listener other containers reach, and it wants a
# SCRAM login.
controller.quorum.voters=1@127.0.0.1:9093
controller.listener.names=CONTROLLER
listeners=CLIENT://:9092,CONTROLLER://127.0.0.1:9093
advertised.listeners=CLIENT://$host:9092
listener.security.protocol.map=CLIENT:$protocol,CONTROLLER:PLAINTEXT
inter.broker.listener.name=CLIENT
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.client.scram-sha-512.sasl.jaas.config=$admin_jaas
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
super.users=User:admin;User:ANONYMOUS
auto.create.topics.enable=false
log.dirs=${KAFKA_DATA_DIR:-/var/lib/kafka/data}
num.partitions=3
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
$tls
PROPERTIES

# the super user's client settings, for the health check and for a person with a shell in the container
{
  echo "security.protocol=$protocol"
  echo "sasl.mechanism=SCRAM-SHA-512"
  echo "sasl.jaas.config=$admin_jaas"
  if [ "$protocol" = SASL_SSL ]; then
    echo "ssl.truststore.type=PEM"
    echo "ssl.truststore.location=$secrets/kafka-ca"
  fi
} > "$conf/admin.properties"

# KRaft keeps SCRAM credentials in the metadata log: the first ones are written when the volume is formatted
# (skipped when it was formatted before). The passwords are on this one command line, inside this container.
scram=()
for user in $KAFKA_SCRAM_USERS; do
  scram+=(--add-scram "SCRAM-SHA-512=[name=$user,password=$(password "$user")]")
done
"$bin/kafka-storage.sh" format --ignore-formatted -t "$KAFKA_CLUSTER_ID" -c "$conf/server.properties" "${scram[@]}"
exec "$bin/kafka-server-start.sh" "$conf/server.properties"
