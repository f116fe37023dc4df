package org.gridloop.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.gridloop.contracts.AnswerResult;
import org.gridloop.contracts.DisputeDecision;
import org.gridloop.contracts.EscalationDecision;
import org.gridloop.contracts.RejectReason;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The city's people, following the loop's events instead of polling: the simulator subscribes to the gridloop
 * topics and each event makes the person whose turn it is act through the public API (the grid worker claims and
 * handles or whistles, each called department reports in and answers or disputes, the grid worker verifies, the
 * resident rates, or the grid worker calls back one who did not (回访), a supervisor decides an escalation). Only the cases this simulator submitted are acted on.
 */
final class CityPeople implements AutoCloseable {

    record Urls(String intake, String reportIn, String escalation) {
    }

    /** One event of a case: short type (e.g. request.closed) and the CloudEvent time. */
    record Event(String type, Instant time, JsonNode data) {
    }

    static final class Case {
        final String id;
        final int n;
        final Random random;
        final City.Person reporter;
        final String category;
        final String grid;
        final long submittedNanos;
        final List<Event> events = new ArrayList<>();
        volatile boolean closed;

        Case(String id, int n, Random random, City.Person reporter, String category, String grid,
             long submittedNanos) {
            this.id = id;
            this.n = n;
            this.random = random;
            this.reporter = reporter;
            this.category = category;
            this.grid = grid;
            this.submittedNanos = submittedNanos;
        }

        synchronized boolean chance(double p) {
            return random.nextDouble() < p;
        }

        synchronized int nextInt(int bound) {
            return random.nextInt(bound);
        }

        /**
         * 会商联办: per round, its lead, the co-departments that have not answered yet, and the lead's answer when it
         * waits for them (report-in refuses the lead's answer with 409 while a co-department is open: the lead answers
         * last, so a lead who answered at once would meet a real conflict, not a lagging service).
         */
        private final Map<Integer, String> leads = new HashMap<>();
        private final Map<Integer, java.util.Set<String>> coOpen = new HashMap<>();
        private final Map<Integer, Runnable> leadAnswer = new HashMap<>();

        synchronized void called(int round, String department, boolean lead) {
            if (lead) {
                leads.put(round, department);
            } else {
                coOpen.computeIfAbsent(round, r -> new java.util.HashSet<>()).add(department);
            }
        }

        /** A department of the round was replaced by another (a dispute rerouted it); it keeps its role. */
        synchronized void rerouted(int round, String from, String to) {
            if (from.equals(leads.get(round))) {
                leads.put(round, to);
            }
            java.util.Set<String> open = coOpen.get(round);
            if (open != null && open.remove(from)) {
                open.add(to);
            }
        }

        /** True when {@code department} leads the round and must wait: {@code answer} runs once the last co answered. */
        synchronized boolean leadWaits(int round, String department, Runnable answer) {
            java.util.Set<String> open = coOpen.getOrDefault(round, java.util.Set.of());
            if (!department.equals(leads.get(round)) || open.isEmpty()) {
                return false;
            }
            leadAnswer.put(round, answer);
            return true;
        }

        /** A department answered: the lead's waiting answer when it was the last co-department open, else null. */
        synchronized Runnable answered(int round, String department) {
            java.util.Set<String> open = coOpen.get(round);
            if (open == null || !open.remove(department) || !open.isEmpty()) {
                return null;
            }
            return leadAnswer.remove(round);
        }

        /** The round resolved (every department done, or closed by order): nobody waits on it any more. */
        synchronized void roundOver(int round) {
            coOpen.remove(round);
            leadAnswer.remove(round);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TOPICS = Pattern.compile("gridloop\\.(requests|dispatches|escalations)");

    private final Scenario scenario;
    private final City city;
    private final Api api;
    private final Urls urls;
    private final Metrics metrics;
    private final ScheduledExecutorService scheduler;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Case> cases = new ConcurrentHashMap<>();
    /** Every request the service acknowledged (201), duplicates included: what must reach a terminal state. */
    final java.util.Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final Map<String, List<Event>> early = new HashMap<>();
    private final List<String> categories = new ArrayList<>();
    private final double[] cumulative;
    private final Thread thread;
    private final CountDownLatch assigned = new CountDownLatch(1);
    private volatile boolean running = true;

    /** {@code kafka}: client settings of a login that may read every topic (the local stack's super user). */
    CityPeople(Scenario scenario, City city, Api api, Urls urls, Map<String, String> kafka, Metrics metrics,
         ScheduledExecutorService scheduler) {
        this.scenario = scenario;
        this.city = city;
        this.api = api;
        this.urls = urls;
        this.metrics = metrics;
        this.scheduler = scheduler;
        double total = scenario.categoryMix.values().stream().mapToDouble(Double::doubleValue).sum();
        cumulative = new double[scenario.categoryMix.size()];
        double sum = 0;
        int i = 0;
        for (Map.Entry<String, Double> e : scenario.categoryMix.entrySet()) {
            categories.add(e.getKey());
            sum += e.getValue() / total;
            cumulative[i++] = sum;
        }
        Properties p = new Properties();
        p.putAll(kafka);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "gridloop-simulator-" + UUID.randomUUID());
        // the simulator reacts only to its own cases, so reading from the start of a fresh topic loses nothing
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "2000");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumer = new KafkaConsumer<>(p);
        thread = new Thread(this::follow, "simulator-events");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void follow() {
        consumer.subscribe(TOPICS);
        while (running) {
            try {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    onRecord(record);
                }
                if (!consumer.assignment().isEmpty()) {
                    assigned.countDown();
                }
            } catch (org.apache.kafka.common.errors.WakeupException e) {
                break;
            } catch (RuntimeException e) {
                System.err.println("simulator: event loop: " + e);
            }
        }
        consumer.close(Duration.ofSeconds(2));
    }

    /** Waits until the consumer has its partitions (topics appear with the first events; that is fine too). */
    void awaitSubscribed(Duration timeout) throws InterruptedException {
        assigned.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * One record as an integrator reads it: CloudEvents in binary content mode, the type, subject and time in the
     * {@code ce_*} headers and the payload as the JSON value.
     */
    private void onRecord(ConsumerRecord<String, byte[]> record) {
        String type = header(record, "ce_type");
        if (type == null || !type.startsWith("gridloop.")) {
            return;
        }
        JsonNode data;
        try {
            data = JSON.readTree(record.value());
        } catch (Exception notJson) {
            return;
        }
        String subject = header(record, "ce_subject");
        String id = subject != null ? subject : record.key() != null ? record.key()
                : data.path("requestId").asText(null);
        if (id == null) {
            return;
        }
        Instant time;
        try {
            time = Instant.parse(header(record, "ce_time"));
        } catch (Exception noTime) {
            time = Instant.now();
        }
        String shortType = type.substring("gridloop.".length()).replaceAll("\\.v\\d+$", "");
        Event e = new Event(shortType, time, data);
        Case c = cases.get(id);
        if (c == null) {
            synchronized (early) {
                c = cases.get(id);
                if (c == null) {
                    early.computeIfAbsent(id, k -> new ArrayList<>()).add(e);
                    if (early.size() > 50_000) {
                        early.clear(); // events of cases that are not ours (demo against a used stack)
                    }
                    return;
                }
            }
        }
        handle(c, e);
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        org.apache.kafka.common.header.Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Submission number n's own random stream, so a seed reproduces it. The stream's seed is scrambled (SplitMix64's
     * finaliser): {@code java.util.Random}'s first draws from neighbouring seeds are nearly equal, so seeding it with
     * {@code seed * 1 000 003 + n} drew almost the same category for every submission of a run (a 300-case demo had
     * two categories of seven).
     */
    static Random streamOf(long seed, int n) {
        long z = seed * 1_000_003L + n + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new Random(z ^ (z >>> 31));
    }

    /** The category a draw in [0, 1) picks from the cumulative mix. */
    static int pick(double x, double[] cumulative) {
        int k = 0;
        while (k < cumulative.length - 1 && x > cumulative[k]) {
            k++;
        }
        return k;
    }

    /** Submission number n: its fate is drawn from a random stream of its own, so a seed reproduces it. */
    void submit(int n) {
        Random random = streamOf(scenario.seed, n);
        String category = categories.get(pick(random.nextDouble(), cumulative));
        boolean duplicate = random.nextDouble() < scenario.duplicateProbability;
        boolean patrol = random.nextDouble() < scenario.patrolShare;
        double[] at = city.location(category, duplicate);
        String grid = city.grids().stream().filter(g -> g.contains(at[0], at[1])).map(City.Grid::code).findFirst()
                .orElse(null);
        City.Person reporter = (patrol ? city.worker(grid) : java.util.Optional.<City.Person>empty())
                .or(() -> city.resident(n)).orElse(null);
        ObjectNode body = JSON.createObjectNode();
        body.put("category", category);
        body.put("description", City.DESCRIPTIONS.getOrDefault(category, "问题") + "（模拟 #" + n + "）");
        ObjectNode location = body.putObject("location");
        location.put("latitude", at[1]);
        location.put("longitude", at[0]);
        location.put("address", "模拟地址 " + (n % 97 + 1) + " 号");
        // drawn last and only when photos are on, so a seed's other draws stay what they were
        boolean photo = scenario.photoProbability > 0 && random.nextDouble() < scenario.photoProbability;
        long t0 = System.nanoTime();
        Metrics.Window window = metrics.window();
        metrics.offered.incrementAndGet();
        String token = reporter == null ? null : reporter.token();
        (photo ? api.uploadPhoto(urls.intake(), token, PHOTO) : CompletableFuture.<String>completedFuture(null))
                .thenCompose(photoId -> {
                    if (photoId != null) {
                        body.putArray("photoIds").add(photoId);
                    }
                    return api.send("POST", urls.intake() + "/api/requests", token, body.toString());
                })
                .whenComplete((reply, error) -> {
                    double ms = (System.nanoTime() - t0) / 1e6;
                    metrics.submitOutcomes.computeIfAbsent(Invariants.submitOutcome(error != null ? null
                                    : reply.status(), error == null && reply.retryAfter() != null),
                            outcome -> new java.util.concurrent.atomic.AtomicLong()).incrementAndGet();
                    if (error == null && (reply.status() == 503 || reply.status() == 429)) {
                        // refused by admission control: not retried (open loop, the offered load stays as
                        // configured), not acknowledged, not part of the city
                        metrics.refused.incrementAndGet();
                        window.refused.incrementAndGet();
                        metrics.action("submit", Integer.toString(reply.status()));
                        return;
                    }
                    if (error != null || reply.status() != 201) {
                        metrics.submitErrors.incrementAndGet();
                        window.submitErrors.incrementAndGet();
                        metrics.action("submit", error != null ? "io-error" : Integer.toString(reply.status()));
                        return;
                    }
                    metrics.submitLatency.add(ms);
                    window.submitLatency.add(ms);
                    metrics.submitted.incrementAndGet();
                    window.submitted.incrementAndGet();
                    metrics.action("submit", "ok");
                    JsonNode view;
                    try {
                        view = JSON.readTree(reply.body());
                    } catch (Exception bad) {
                        return;
                    }
                    String id = view.path("id").asText();
                    acknowledged.add(id);
                    if ("MERGED".equals(view.path("status").asText())) {
                        metrics.merged.incrementAndGet();
                        return;
                    }
                    Case c = new Case(id, n, random, reporter, category,
                            view.path("gridCode").asText(grid), t0);
                    List<Event> pending;
                    synchronized (early) {
                        cases.put(id, c);
                        pending = early.remove(id);
                    }
                    if (pending != null) {
                        pending.forEach(e -> handle(c, e));
                    }
                });
    }

    private void later(Case c, Runnable action) {
        int span = scenario.reactionMaxMs - scenario.reactionMinMs;
        int delay = scenario.reactionMinMs + (span > 0 ? c.nextInt(span + 1) : 0);
        if (delay == 0) {
            scheduler.execute(action);
        } else {
            scheduler.schedule(action, delay, TimeUnit.MILLISECONDS);
        }
    }

    private void handle(Case c, Event e) {
        synchronized (c) {
            c.events.add(e);
        }
        switch (e.type()) {
            // 受理 by a person (the routing table held an unclassified report back): the grid's worker accepts it
            case "request.acceptance-requested" -> city.worker(e.data().path("gridCode").asText(c.grid))
                    .ifPresent(worker -> later(c, () -> api.act(c.id, "accept", "POST", urls.intake() + "/api/tasks/"
                            + c.id + "/accept", worker.token(), null, 8)));
            case "request.routed-to-grid" -> city.worker(e.data().path("gridCode").asText(c.grid))
                    .ifPresent(worker -> later(c, () -> gridWorkerActs(c, worker)));
            case "dispatch.started", "dispatch.convened" -> {
                int round = e.data().path("round").asInt(1);
                for (JsonNode d : e.data().path("departments")) {
                    String department = d.path("department").asText();
                    city.department(department).ifPresent(staff -> {
                        if (c.chance(scenario.deadlineMissProbability)) {
                            return; // ignores the whistle: the report-in limit will be missed
                        }
                        c.called(round, department, "lead".equals(d.path("role").asText()));
                        later(c, () -> departmentActs(c, round, department, staff,
                                c.chance(scenario.disputeProbability)));
                    });
                }
            }
            case "dispatch.answered" -> {
                Runnable lead = c.answered(e.data().path("round").asInt(1), e.data().path("department").asText());
                if (lead != null) {
                    later(c, lead);
                }
            }
            case "dispatch.resolved" -> c.roundOver(e.data().path("round").asInt(1));
            case "dispatch.disputed" -> {
                String department = e.data().path("department").asText();
                String street = c.grid == null || c.grid.length() < 9 ? "110105" : c.grid.substring(0, 9);
                city.supervisor(street).ifPresent(sup -> later(c, () -> api.act(c.id, "dispute-decision", "POST",
                        urls.reportIn() + "/api/dispatches/" + c.id + "/disputes/" + department + "/decision",
                        sup.token(), "{\"decision\":\"CONFIRM\",\"note\":\"经核实属本部门职责，继续办理\"}", 8)));
            }
            case "dispatch.dispute-decided" -> {
                String decision = e.data().path("decision").asText();
                int round = e.data().path("round").asInt(1);
                String department = e.data().path("department").asText();
                if (DisputeDecision.REROUTED.name().equals(decision)) {
                    c.rerouted(round, department, e.data().path("toDepartment").asText());
                    department = e.data().path("toDepartment").asText();
                }
                String acting = department;
                city.department(acting).ifPresent(staff -> later(c, () -> departmentActs(c, round, acting, staff,
                        false)));
            }
            case "request.whistle-blown" -> metrics.whistles.incrementAndGet();
            case "request.whistled" -> {
                if (e.data().path("round").asInt(1) == 1 && c.chance(scenario.supervisorRaiseProbability)) {
                    // 镇呼区应: the street raises the case to the district on purpose; a case already escalated is
                    // refused (409: that escalation's RAISE decision would be the way), which loses nothing
                    String street = c.grid == null || c.grid.length() < 9 ? "110105" : c.grid.substring(0, 9);
                    city.supervisor(street).ifPresent(sup -> later(c, () -> {
                        metrics.supervisorRaised.incrementAndGet();
                        api.act(null, "supervisor-raise", "POST", urls.escalation() + "/api/cases/" + c.id + "/raise",
                                sup.token(), "{\"reason\":\"涉及区属道路和多个产权单位，街道无权协调\"}", 4);
                    }));
                }
            }
            case "request.verification-requested" -> city.worker(c.grid).ifPresent(worker -> later(c, () -> {
                boolean passed = !c.chance(scenario.verificationFailProbability);
                String note = "{\"passed\":" + passed + ",\"note\":\"" + (passed ? "现场确认已修复" : "现场仍有问题") + "\"";
                (scenario.photoProbability > 0 && c.chance(scenario.photoProbability) ? api.uploadPhoto(urls.intake(), worker.token(), PHOTO)
                        : CompletableFuture.<String>completedFuture(null))
                        .thenAccept(seen -> api.act(c.id, "verify", "POST", urls.intake() + "/api/tasks/" + c.id
                                + "/verification", worker.token(), note + ids("photoIds", seen) + "}", 8));
            }));
            case "request.feedback-requested" -> {
                if (c.reporter != null && !c.chance(scenario.silentProbability)) {
                    later(c, () -> {
                        int rating = c.chance(scenario.unsatisfiedProbability) ? 1 + c.nextInt(2) : 4 + c.nextInt(2);
                        api.act(c.id, "rate", "POST", urls.intake() + "/api/requests/" + c.id + "/rating",
                                c.reporter.token(), "{\"rating\":" + rating + ",\"comment\":\""
                                        + (rating <= 2 ? "没有解决" : "很快，谢谢") + "\"}", 8);
                    });
                }
            }
            case "request.decision-requested" -> city.worker(c.grid).ifPresent(worker -> later(c, () -> {
                // a department answered PARTLY or CANNOT_FIX: verify as answered, send it back, or close it
                int round = e.data().path("round").asInt(1);
                String body = c.chance(scenario.notSolvableProbability)
                        ? "{\"decision\":\"CLOSE_NOT_SOLVABLE\",\"note\":\"经多部门研判，现阶段无法解决，已向居民说明\"}"
                        : round < 3 && c.chance(scenario.rerouteProbability)
                        ? "{\"decision\":\"REROUTE\",\"note\":\"仍有部分未解决，请继续办理\"}"
                        : "{\"decision\":\"VERIFY\"}";
                metrics.callerDecisions.incrementAndGet();
                api.act(c.id, "decision", "POST", urls.intake() + "/api/tasks/" + c.id + "/decision", worker.token(),
                        body, 8);
            }));
            case "request.return-visit-requested" -> city.worker(c.grid).ifPresent(worker -> later(c, () -> {
                // 回访: the grid worker calls the resident back; reached, the resident rates on the phone
                boolean reached = !c.chance(scenario.unreachableProbability);
                int rating = c.chance(scenario.unsatisfiedProbability) ? 1 + c.nextInt(2) : 3 + c.nextInt(3);
                metrics.returnVisits.incrementAndGet();
                if (!reached) {
                    metrics.notReached.incrementAndGet();
                }
                api.act(c.id, "return-visit", "POST", urls.intake() + "/api/tasks/" + c.id + "/return-visit",
                        worker.token(), reached ? "{\"reached\":true,\"rating\":" + rating
                                + ",\"comment\":\"电话回访，居民认可处理结果\"}"
                                : "{\"reached\":false,\"comment\":\"电话三次无人接听\"}", 8);
            }));
            case "request.reopened" -> metrics.reopened.incrementAndGet();
            case "request.rejected" -> metrics.rejected.incrementAndGet();
            case "escalation.raised", "escalation.lifted" -> {
                if ("escalation.raised".equals(e.type())) {
                    metrics.escalations.incrementAndGet();
                }
                String escalationId = e.data().path("escalationId").asText();
                String unit = e.data().path("unit").asText();
                if (c.chance(scenario.escalationAnswerProbability)) {
                    city.supervisor(unit).ifPresent(sup -> later(c, () -> {
                        EscalationDecision decision = c.chance(0.5) ? EscalationDecision.ORDER_CLOSING
                                : EscalationDecision.COORDINATE;
                        metrics.decisions.incrementAndGet();
                        // 会商联办 convenes the district's operations centre into the round (noted when none is open)
                        api.act(c.id, "escalation-decision", "POST", urls.escalation() + "/api/escalations/"
                                + escalationId + "/decision", sup.token(), "{\"decision\":\"" + decision
                                + "\",\"note\":\"会商联办，责成相关部门限期办结\""
                                + (decision == EscalationDecision.COORDINATE ? ",\"departments\":[\"district-110105\"]"
                                : "") + "}", 4);
                    }));
                }
            }
            case "request.closed" -> closed(c, e);
            default -> {
            }
        }
    }

    /** A photo of the spot as a phone would send it (a small JPEG), uploaded with reports and handlings. */
    static final byte[] PHOTO = photo();

    private static byte[] photo() {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(320, 240,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(new java.awt.Color(120, 140, 90));
        g.fillRect(0, 0, 320, 240);
        g.setColor(new java.awt.Color(90, 70, 50));
        g.fillOval(100, 80, 120, 90);
        g.dispose();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(image, "jpeg", out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** {@code ,"field":["id"]}, or nothing when the upload failed. */
    private static String ids(String field, String id) {
        return id == null ? "" : ",\"" + field + "\":[\"" + id + "\"]";
    }

    private void gridWorkerActs(Case c, City.Person worker) {
        String task = urls.intake() + "/api/tasks/" + c.id;
        api.act(c.id, "claim", "POST", task + "/claim", worker.token(), null, 8).thenCompose(claimed -> {
            if (!c.chance(scenario.raiseProbability)) {
                return CompletableFuture.completedFuture(claimed);
            }
            // 上提一级 on purpose, then the grid still handles it meanwhile
            metrics.raised.incrementAndGet();
            return api.act(c.id, "raise", "POST", task + "/raise", worker.token(),
                    "{\"reason\":\"涉及多个产权单位，网格无权协调\"}", 8);
        }).thenAccept(done -> {
            if (c.chance(scenario.rejectProbability)) {
                api.act(c.id, "reject", "POST", task + "/reject", worker.token(),
                        "{\"reason\":\"" + RejectReason.NOT_ENOUGH_INFORMATION + "\",\"note\":\"现场未发现所述问题\"}", 8);
            } else if (c.chance(scenario.whistleProbability)) {
                api.act(c.id, "whistle", "POST", task + "/whistle", worker.token(),
                        "{\"reason\":\"网格内无法解决，需要职能部门处置\"}", 8);
            } else if (scenario.photoProbability > 0 && c.chance(scenario.photoProbability)) {
                // 处置前后对比: a photo of the spot before and one after
                api.uploadPhoto(urls.intake(), worker.token(), PHOTO)
                        .thenCombine(api.uploadPhoto(urls.intake(), worker.token(), PHOTO), (before, after) ->
                                "{\"note\":\"已现场处置完毕\"" + ids("beforePhotoIds", before) + ids("afterPhotoIds", after)
                                        + "}")
                        .thenAccept(body -> api.act(c.id, "complete", "POST", task + "/complete", worker.token(), body,
                                8));
            } else {
                api.act(c.id, "complete", "POST", task + "/complete", worker.token(),
                        "{\"note\":\"已现场处置完毕\"}", 8);
            }
        });
    }

    private void departmentActs(Case c, int round, String department, City.Person staff, boolean dispute) {
        String base = urls.reportIn() + "/api/dispatches/" + c.id;
        if (dispute) {
            api.act(c.id, "dispute", "POST", base + "/dispute", staff.token(),
                    "{\"reason\":\"不属于本部门管辖范围\"}", 8);
            return;
        }
        api.act(c.id, "report-in", "POST", base + "/report-in", staff.token(), null, 8).thenAccept(r -> {
            boolean partly = c.chance(scenario.partlyProbability);
            Runnable answer = () -> api.act(c.id, "answer", "POST", base + "/answer", staff.token(), partly
                    ? "{\"result\":\"" + AnswerResult.PARTLY + "\",\"note\":\"已部分处置，其余需协调\"}"
                    : "{\"result\":\"" + AnswerResult.FIXED + "\",\"note\":\"已处置完毕\"}", 8);
            if (!c.leadWaits(round, department, answer)) {
                answer.run(); // the lead answers last (会商联办): after the co-departments' dispatch.answered
            }
        });
    }

    private void closed(Case c, Event closedEvent) {
        if (c.closed) {
            return;
        }
        c.closed = true;
        metrics.closesSeen.add(Instant.now());
        metrics.closed.incrementAndGet();
        metrics.window().closed.incrementAndGet();
        metrics.loopLatency.add((System.nanoTime() - c.submittedNanos) / 1e6);
        metrics.outcomes.computeIfAbsent(closedEvent.data().path("outcome").asText("?"),
                k -> new java.util.concurrent.atomic.AtomicLong()).incrementAndGet();
        List<Event> events;
        synchronized (c) {
            events = new ArrayList<>(c.events);
        }
        // per-stage latency: between consecutive events of the case, by their CloudEvent times
        events.sort(Comparator.comparing(Event::time));
        for (int i = 1; i < events.size(); i++) {
            Event a = events.get(i - 1);
            Event b = events.get(i);
            metrics.stage(a.type() + " → " + b.type(), Duration.between(a.time(), b.time()).toNanos() / 1e6);
        }
        if (!events.isEmpty()) {
            metrics.stage("(whole loop) first event → request.closed",
                    Duration.between(events.get(0).time(), closedEvent.time()).toNanos() / 1e6);
        }
        cases.remove(c.id);
    }

    int openCases() {
        return cases.size();
    }

    /**
     * The open cases (at most {@code limit}), each with the events it has seen, oldest first: what a case stuck after
     * the drain was waiting for.
     */
    Map<String, List<String>> openCaseEvents(int limit) {
        Map<String, List<String>> out = new java.util.TreeMap<>();
        cases.values().stream().limit(limit).forEach(c -> {
            List<Event> events;
            synchronized (c) {
                events = new ArrayList<>(c.events);
            }
            events.sort(Comparator.comparing(Event::time));
            out.put(c.id, events.stream().map(e -> e.type() + (e.data().has("department")
                    ? " " + e.data().path("department").asText() : "") + (e.data().has("round")
                    ? " r" + e.data().path("round").asInt() : "")).toList());
        });
        return out;
    }

    /** Open cases among submissions numbered {@code first} and later (one step's backlog). */
    int openCasesFrom(int first) {
        return (int) cases.values().stream().filter(c -> c.n >= first).count();
    }

    boolean isOpen(String id) {
        return cases.containsKey(id);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
