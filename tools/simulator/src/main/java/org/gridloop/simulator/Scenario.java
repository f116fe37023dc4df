package org.gridloop.simulator;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the simulated city looks like and how its people behave. Loaded from a JSON file
 * ({@code tools/simulator/scenarios/*.json}); every probability is per decision, drawn from one seeded random
 * stream per case, so the same seed gives the same cases with the same fates.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public final class Scenario {

    /** Seed of every random choice. */
    public long seed = 42;
    /** How many of the sample city's grids receive reports (1-5, deploy/grids/demo-city.geojson). */
    public int grids = 5;
    /**
     * Departments that have staff acting in the simulation; a called department not listed never reports in, so its
     * limit is missed and the case is escalated. Empty = every department has staff.
     */
    public List<String> staffedDepartments = List.of();
    /** Residents reporting (each a token of its own in bench mode; alice and bob in demo mode). */
    public int residents = 200;
    /** Submissions per second. */
    public double arrivalRate = 5;
    /** How long submissions arrive (demo mode), seconds. */
    public int durationSeconds = 150;
    /** Share of each category among submissions (normalised). */
    public Map<String, Double> categoryMix = new LinkedHashMap<>();
    /** Share of submissions that are grid workers' patrol reports. */
    public double patrolShare = 0.1;
    /** A grid worker blows the whistle instead of handling on site. */
    public double whistleProbability = 0.2;
    /** A grid worker rejects a new case (spam, out of scope). */
    public double rejectProbability = 0.02;
    /** A called department disputes jurisdiction (a supervisor then confirms it). */
    public double disputeProbability = 0.03;
    /** A called department answers PARTLY instead of FIXED. */
    public double partlyProbability = 0.05;
    /** The grid worker's verification of the departments' work fails (another round). */
    public double verificationFailProbability = 0.05;
    /** The resident rates 1-2 (rework) instead of 4-5. */
    public double unsatisfiedProbability = 0.08;
    /**
     * The resident never rates: at the feedback limit the grid calls back (回访); to see it within a run, shorten the
     * limit (GRIDLOOP_LIMITS_FEEDBACK).
     */
    public double silentProbability = 0.0;
    /** The grid worker's return visit reaches nobody: the case closes as not evaluated. */
    public double unreachableProbability = 0.3;
    /**
     * 照片: a report comes with a photo of the spot, and a grid worker handling a case on site adds one before and one
     * after (处置前后对比). Off in the benchmark (its figures are the loop's, not image processing's).
     */
    public double photoProbability = 0.0;
    /** The grid worker raises the case one level on purpose (上提一级) before handling it. */
    public double raiseProbability = 0.0;
    /**
     * After a department answered PARTLY or CANNOT_FIX, the grid worker sends it back to the departments (the rest
     * of the time it verifies as answered, or, with {@link #notSolvableProbability}, closes it as not solvable).
     */
    public double rerouteProbability = 0.2;
    public double notSolvableProbability = 0.1;
    /** A called (staffed) department ignores the whistle: its report-in limit is missed. */
    public double deadlineMissProbability = 0.0;
    /** A report repeats a recent one nearby (same category, same spot): merged as a duplicate. */
    public double duplicateProbability = 0.02;
    /** A supervisor decides an escalation that reached them (else it climbs on). */
    public double escalationAnswerProbability = 0.7;
    /** How long a person takes before acting, milliseconds (uniform in [min, max]). */
    public int reactionMinMs = 0;
    public int reactionMaxMs = 0;
    /** Bench mode: the ramp. */
    public Bench bench = new Bench();
    /** Service configuration for the stack the simulator starts itself (bench, scale), e.g. shorter limits. */
    public Map<String, String> serviceEnv = new LinkedHashMap<>();

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Bench {
        /** Offered submissions per second, one step after the other. */
        public List<Double> steps = List.of(10.0, 25.0, 50.0, 100.0, 200.0);
        public int stepSeconds = 20;
        /** The ramp stops after this many steps in a row that did not keep up (0: never); the rest are skipped. */
        public int stopAfterMissedSteps = 2;
        /** After the last step, and after the overload step: how long to wait for open cases to close. */
        public int drainSeconds = 20;
        /** The overload step: {@code overloadFactor} × the sustained closings/s offered for this long (0: none). */
        public int overloadSeconds = 60;
        public double overloadFactor = 4;
        /** Idle seconds before the ramp, to measure the background commit rate. */
        public int idleSeconds = 10;
        public int pgbenchScale = 10;
        public int pgbenchSeconds = 20;
        public int pgbenchClients = 2;
        /** Targets the report compares against. */
        public double targetLoopsPerSecond = 100;
        public double targetSubmitP99Ms = 50;
        public double targetCommitsPerLoop = 8;
        public double targetRssMb = 400;
        public double targetQueryMs = 200;
        /** CPU per closed loop at the sustained step, core-ms: the three services together, and the whole machine. */
        public double targetServicesCoreMsPerLoop = 10;
        public double targetBoxCoreMsPerLoop = 18;
        /** Share of actions answered 409 on their first attempt, at the sustained step, percent (below). */
        public double targetFirstAttempt409Percent = 1;
        /** Closings/s during the overload step ÷ the sustained closings/s (at least). */
        public double targetOverloadClosingRatio = 0.9;
        /** Seconds until the overload step's backlog is closed once its load stops (at most). */
        public double targetOverloadDrainSeconds = 60;
        /** Cases the driver gave up on (an action that still failed after its retries). */
        public double targetAbandonedCases = 0;
    }

    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public static Scenario load(Path file) throws IOException {
        return normalise(JSON.readValue(Files.readString(file), Scenario.class));
    }

    /** A scenario packaged in the jar ({@code demo} or {@code bench}). */
    public static Scenario builtIn(String name) throws IOException {
        try (InputStream in = Scenario.class.getResourceAsStream("/scenarios/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no built-in scenario " + name);
            }
            return normalise(JSON.readValue(in, Scenario.class));
        }
    }

    private static Scenario normalise(Scenario s) {
        if (s.categoryMix.isEmpty()) {
            for (String c : City.CATEGORIES) {
                s.categoryMix.put(c, 1.0);
            }
        }
        s.grids = Math.max(1, Math.min(City.GRIDS.size(), s.grids));
        if (s.reactionMaxMs < s.reactionMinMs) {
            s.reactionMaxMs = s.reactionMinMs;
        }
        return s;
    }

    public boolean staffed(String department) {
        return staffedDepartments.isEmpty() || staffedDepartments.contains(department);
    }
}
