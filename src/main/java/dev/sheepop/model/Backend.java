package dev.sheepop.model;

import dev.sheepop.common.ThreadEnvironment;
import dev.sheepop.common.UserException;
import dev.sheepop.config.RunConfig;
import org.nd4j.linalg.factory.Nd4j;

/** Reports and checks the active ND4J backend (chosen at build time: CPU by default, CUDA with -Pcuda). */
public final class Backend {
    public static final String CUDA_MISSING = "CUDA backend not available: build with -Pcuda (needs CUDA 11.6)";

    private Backend() {
    }

    public static boolean isCuda() {
        return !Nd4j.getEnvironment().isCPU();   // ND4J's own answer: the backend's environment runs on a CPU or not
    }

    /** Checks that the requested device is available; returns the device actually used. */
    public static RunConfig.Device select(RunConfig.Device requested) {
        if (requested == RunConfig.Device.CUDA && !isCuda()) {
            throw new UserException(CUDA_MISSING);
        }
        if (requested == RunConfig.Device.CPU && isCuda()) {
            throw new UserException("CPU requested but this build uses the CUDA backend: build without -Pcuda");
        }
        return isCuda() ? RunConfig.Device.CUDA : RunConfig.Device.CPU;
    }

    /** e.g. "CPU (nd4j-native, OPENBLAS SkylakeX kernels), 1 BLAS thread". */
    public static String describe() {
        int threads;
        try {
            threads = Nd4j.factory().blas().getMaxThreads();
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            threads = -1;
        }
        String omp = System.getenv(ThreadEnvironment.OMP_NUM_THREADS);
        String kernels = isCuda() ? null : BlasKernels.inUse();
        String build = isCuda() ? null : NativeBuild.inUse();
        return (isCuda() ? "CUDA (nd4j-cuda)" : "CPU (nd4j-native" + (build == null ? "" : build.isEmpty() ? " generic" : " " + build)
                + ", " + Nd4j.factory().blas().getBlasVendor()
                + (kernels != null ? " " + kernels + " kernels" : "") + ")")
                + ", " + (threads > 0 ? threads : "?") + " BLAS thread" + (threads == 1 ? "" : "s")
                + (omp != null ? ", OMP_NUM_THREADS=" + omp : "");
    }
}
