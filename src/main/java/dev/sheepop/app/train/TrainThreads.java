package dev.sheepop.app.train;

import com.sun.jna.Library;
import com.sun.jna.Native;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps the window responsive while the workbench trains: ND4J's op threads and its BLAS threads are limited to
 * {@value #THREADS} in the workbench's process (the CLI keeps ND4J's default; with two OpenMP threads training took
 * both cores and the FX thread stalled), and training runs on threads at nice {@value #TRAINING_NICE}, so the FX and
 * render threads win a core whenever they want one. Large models still use both cores through the trainer's
 * data-parallel threads, which inherit that priority (docs/performance.md, "The workbench on two training threads").
 * {@code -Dsheepop.workbench.threads=N} overrides ND4J's thread count, {@code -Dsheepop.workbench.trainThreads=N}
 * the training threads.
 */
public final class TrainThreads {
    public static final int THREADS = 1;
    private static final Logger LOG = LoggerFactory.getLogger(TrainThreads.class);
    private static volatile boolean done;

    /** The nice value of the training thread (at least): the window's threads win a core when both want it. */
    public static final int TRAINING_NICE = 10;

    private TrainThreads() {
    }

    /** The C library's setpriority(2); on Linux {@code who = 0} with PRIO_PROCESS is the calling thread. */
    private interface LibC extends Library {
        int setpriority(int which, int who, int prio);

        int getpriority(int which, int who);
    }

    /**
     * Runs {@code work} on a new thread "sheepop-training" whose nice value is {@link #TRAINING_NICE} (Linux;
     * elsewhere, or if it cannot be set, at normal priority) and waits for it. A new thread, because an
     * unprivileged thread cannot lower its nice value again, and the job runner's threads are reused. Threads that
     * {@code work} starts (the trainer's data-parallel replicas) inherit the nice value.
     */
    static <T> T runAtLowPriority(Callable<T> work) throws Exception {
        var result = new AtomicReference<T>();
        var failure = new AtomicReference<Throwable>();
        var thread = new Thread(() -> {
            lowerThisThread();
            try {
                result.set(work.call());
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "sheepop-training");
        thread.setDaemon(true);
        thread.start();
        thread.join();
        Throwable e = failure.get();
        if (e instanceof Exception ex) {
            throw ex;
        } else if (e instanceof Error err) {
            throw err;
        }
        return result.get();
    }

    private static void lowerThisThread() {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")
                || Boolean.getBoolean("sheepop.workbench.normalPriority")) {
            return;
        }
        try {
            LibC c = Native.load("c", LibC.class);
            int nice = Math.max(c.getpriority(0, 0), TRAINING_NICE); // never above the process's own priority
            int rc = c.setpriority(0, 0, nice);
            LOG.info("training thread at nice {}{}", nice, rc == 0 ? "" : " failed (rc " + rc + ")");
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("Cannot lower the training thread's priority: {}", e.toString());
        }
    }

    /**
     * Puts the workbench's thread count into the process environment before OpenMP, OpenBLAS and Tesseract load
     * (see {@link dev.sheepop.common.ThreadEnvironment}: this reaches the native libraries of a workbench started
     * without a launcher; ND4J itself needs the launchers' variables).
     */
    public static void configureEnvironment() {
        int n = configured();
        if (n > 0) {
            dev.sheepop.common.ThreadEnvironment.limitNativeLibraries(n);
        }
    }

    /**
     * Data-parallel training threads in the workbench: {@code -Dsheepop.workbench.trainThreads=N}, else the trainer's
     * own choice ({@link dev.sheepop.train.Trainer#AUTO}). They all run at {@link #TRAINING_NICE}, each with
     * ND4J's one op thread.
     */
    public static int training() {
        int n = Integer.getInteger("sheepop.workbench.trainThreads", dev.sheepop.train.Trainer.AUTO);
        return n > 0 ? n : dev.sheepop.train.Trainer.AUTO;
    }

    /** {@code -Dsheepop.workbench.threads=N}, else {@link #THREADS}; 0 or less: leave the choice to ND4J. */
    private static int configured() {
        return Integer.getInteger("sheepop.workbench.threads", THREADS);
    }

    /** Applies the limit once (ND4J's settings are process-wide); call off the FX thread. */
    public static synchronized void limit() {
        if (done) {
            return;
        }
        done = true;
        int n = configured();
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
