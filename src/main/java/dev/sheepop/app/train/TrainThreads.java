package dev.sheepop.app.train;

import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a core free for the window while the workbench trains: ND4J's op threads and its BLAS threads
 * are limited to {@value #THREADS} in the workbench's process (the CLI keeps ND4J's default) (docs/performance.md, Workbench: with two threads the training took
 * both cores and the FX thread stalled; for the small models the workbench trains one thread is also
 * as fast). {@code -Dsheepop.workbench.threads=N} overrides it.
 */
public final class TrainThreads {
    public static final int THREADS = 1;
    private static final Logger LOG = LoggerFactory.getLogger(TrainThreads.class);
    private static volatile boolean done;

    private TrainThreads() {
    }

    /** Applies the limit once (ND4J's settings are process-wide); call off the FX thread. */
    public static synchronized void limit() {
        if (done) {
            return;
        }
        done = true;
        int n = Integer.getInteger("sheepop.workbench.threads", THREADS);
        if (n <= 0) {
            return;
        }
        try {
            Nd4j.getEnvironment().setMaxThreads(n);
            Nd4j.getEnvironment().setMaxMasterThreads(n);
            Nd4j.factory().blas().setMaxThreads(n);
            LOG.info("ND4J limited to {} thread(s) in the workbench", n);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("Cannot limit ND4J's threads: {}", e.toString());
        }
    }
}
