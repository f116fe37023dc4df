package org.gridloop.platform.admission;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Overload sheds new work, not old: the order in which waiting steps get a slot, and when new work is refused. */
class AdmissionTest {

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void aStepOnAnExistingCaseGoesBeforeANewSubmissionThatWaitedLonger() throws Exception {
        Admission admission = admission(config(1, Duration.ofSeconds(30), 10, 400));
        CountDownLatch release = new CountDownLatch(1);
        List<String> order = new CopyOnWriteArrayList<>();
        CompletableFuture<?> holder = holdTheOnlySlot(admission, release);
        CompletableFuture<?> submission = CompletableFuture.runAsync(
                () -> admission.newWork(() -> order.add("new submission")), threads);
        awaitUntil(() -> admission.waiting()[1] == 1);
        CompletableFuture<?> claim = CompletableFuture.runAsync(
                () -> admission.progress(() -> order.add("claim")), threads);
        awaitUntil(() -> admission.waiting()[0] == 1);

        release.countDown();
        CompletableFuture.allOf(holder, submission, claim).get(10, TimeUnit.SECONDS);

        assertThat(order).containsExactly("claim", "new submission");
        assertThat(admission.refused()).isZero();
    }

    @Test
    void eachAdmittedStepTellsHowLongItWaitedForItsSlot() throws Exception {
        Admission admission = admission(config(1, Duration.ofSeconds(30), 10, 400));
        List<String> waits = new CopyOnWriteArrayList<>();
        admission.onWait((step, nanos) -> waits.add(step + " " + (nanos >= TimeUnit.MILLISECONDS.toNanos(100)
                ? "waited" : "at once")));
        admission.progress(() -> "claimed");
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<?> holder = holdTheOnlySlot(admission, release);
        CompletableFuture<?> submission = CompletableFuture.runAsync(() -> admission.newWork(() -> "admitted"),
                threads);
        awaitUntil(() -> admission.waiting()[1] == 1);
        Thread.sleep(150);
        release.countDown();
        CompletableFuture.allOf(holder, submission).get(10, TimeUnit.SECONDS);

        // the first claim, the holder (a free slot each), then the submission that waited for the holder's slot
        assertThat(waits).containsExactly("PROGRESS at once", "PROGRESS at once", "NEW waited");
    }

    @Test
    void aNewSubmissionIsRefusedAtOnceWhenTooManyWaitAlready() throws Exception {
        Admission admission = admission(config(1, Duration.ofSeconds(30), 1, 400));
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<?> holder = holdTheOnlySlot(admission, release);
        CompletableFuture<?> waiting = CompletableFuture.runAsync(() -> admission.newWork(() -> "admitted"), threads);
        awaitUntil(() -> admission.waiting()[1] == 1);

        assertThatThrownBy(() -> admission.newWork(() -> "never runs"))
                .isInstanceOf(Admission.Overloaded.class)
                .satisfies(e -> assertThat(((Admission.Overloaded) e).retryAfter()).isEqualTo(Duration.ofSeconds(2)));
        release.countDown();
        waiting.get(10, TimeUnit.SECONDS);
        assertThat(admission.refused()).isEqualTo(1);
        assertThat(admission.admitted()).isEqualTo(1);
    }

    @Test
    void aNewSubmissionThatCannotGetASlotInTimeIsRefused() throws Exception {
        Admission admission = admission(config(1, Duration.ofMillis(50), 10, 400));
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<?> holder = holdTheOnlySlot(admission, release);

        assertThatThrownBy(() -> admission.newWork(() -> "never runs")).isInstanceOf(Admission.Overloaded.class);
        release.countDown();
        holder.get(10, TimeUnit.SECONDS);
        assertThat(admission.newWork(() -> "admitted")).isEqualTo("admitted");
    }

    @Test
    void whileTheLoopIsBehindNewSubmissionsAreRefusedAndStepsOnExistingCasesAreNot() {
        AdmissionConfig config = config(4, Duration.ofSeconds(1), 10, 400);
        LoopLag lag = new LoopLag(config);
        Admission admission = new Admission(config, lag);

        lag.record(401);
        assertThat(lag.behind()).isTrue();
        assertThatThrownBy(() -> admission.newWork(() -> "never runs")).isInstanceOf(Admission.Overloaded.class);
        assertThat(admission.progress(() -> "claimed")).isEqualTo("claimed");

        // below the limit but above half of it: still behind, so the gate does not flap at the edge
        lag.record(300);
        assertThat(lag.behind()).isTrue();
        lag.record(200);
        assertThat(lag.behind()).isFalse();
        assertThat(admission.newWork(() -> "admitted")).isEqualTo("admitted");
    }

    @Test
    void aStaleAnswerAboutTheLagRefusesNothing() throws Exception {
        AdmissionConfig config = config(4, Duration.ofSeconds(1), 10, 400, Duration.ofMillis(100));
        LoopLag lag = new LoopLag(config);
        lag.record(10_000);
        assertThat(lag.behind()).isTrue();
        awaitUntil(() -> !lag.behind());
        assertThat(new Admission(config, lag).newWork(() -> "admitted")).isEqualTo("admitted");
    }

    /** A step that has the slot and keeps it until released. */
    private CompletableFuture<?> holdTheOnlySlot(Admission admission, CountDownLatch release) throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CompletableFuture<?> holder = CompletableFuture.runAsync(() -> admission.progress(() -> {
            holding.countDown();
            return await(release);
        }), threads);
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        return holder;
    }

    private static Admission admission(AdmissionConfig config) {
        return new Admission(config, new LoopLag(config));
    }

    private static String await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "held";
    }

    private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within 10 s");
            }
            Thread.sleep(5);
        }
    }

    private static AdmissionConfig config(int concurrency, Duration maxWait, int maxQueue, long maxLag) {
        return config(concurrency, maxWait, maxQueue, maxLag, Duration.ofSeconds(10));
    }

    private static AdmissionConfig config(int concurrency, Duration maxWait, int maxQueue, long maxLag,
            Duration staleAfter) {
        return new AdmissionConfig() {
            public boolean enabled() {
                return true;
            }

            public int concurrency() {
                return concurrency;
            }

            public Duration newWorkMaxWait() {
                return maxWait;
            }

            public int newWorkMaxQueue() {
                return maxQueue;
            }

            public Duration retryAfter() {
                return Duration.ofSeconds(2);
            }

            public Lag lag() {
                return new Lag() {
                    public Optional<List<String>> groups() {
                        return Optional.of(List.of("downstream"));
                    }

                    public long maxRecords() {
                        return maxLag;
                    }

                    public Duration interval() {
                        return Duration.ofSeconds(1);
                    }

                    public Duration staleAfter() {
                        return staleAfter;
                    }

                    public String bootstrapServers() {
                        return "unused:9092";
                    }
                };
            }
        };
    }
}
