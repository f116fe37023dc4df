package org.gridloop.platform.engine;

import org.camunda.bpm.engine.impl.jobexecutor.ThreadPoolJobExecutor;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Camunda's thread-pool job executor on a pool this service owns: named daemon threads, a bounded queue (jobs it
 * cannot take are left to the next acquisition or another instance), and a bounded stop, so a service asked to stop
 * lets running timers finish for a few seconds and then goes, leaving unfinished jobs locked until their lock
 * expires and another instance runs them.
 */
final class EngineJobExecutor extends ThreadPoolJobExecutor {

    private static final Logger LOG = Logger.getLogger(EngineJobExecutor.class);

    private final Duration shutdownTimeout;

    EngineJobExecutor(EngineConfig.JobExecutor config) {
        this.shutdownTimeout = config.shutdownTimeout();
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = runnable -> {
            Thread thread = new Thread(runnable, "engine-job-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        threadPoolExecutor = new ThreadPoolExecutor(config.threads(), config.threads(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(config.queueSize()), threads);
        setWaitTimeInMillis((int) config.waitTime().toMillis());
        setMaxWait(config.maxWait().toMillis());
        setLockTimeInMillis((int) config.lockTime().toMillis());
        setMaxJobsPerAcquisition(config.maxJobsPerAcquisition());
    }

    @Override
    protected void stopExecutingJobs() {
        super.stopExecutingJobs();
        threadPoolExecutor.shutdown();
        try {
            if (!threadPoolExecutor.awaitTermination(shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warnf("jobs still running %s after the stop: interrupted; their locks expire and another "
                        + "instance runs them", shutdownTimeout);
                threadPoolExecutor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            threadPoolExecutor.shutdownNow();
        }
    }

    int busyThreads() {
        return threadPoolExecutor.getActiveCount();
    }

    int queuedJobs() {
        return threadPoolExecutor.getQueue().size();
    }
}
