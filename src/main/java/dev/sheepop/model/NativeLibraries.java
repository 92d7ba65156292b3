package dev.sheepop.model;

/**
 * Prepares ND4J's native libraries for this machine before anything loads them: which libnd4j build
 * ({@link NativeBuild}) and which OpenBLAS kernels ({@link BlasKernels}). {@code Main}, the workbench and the tests'
 * launcher listener call {@link #configure()} first thing; called after ND4J loaded, it changes nothing.
 */
public final class NativeLibraries {
    private NativeLibraries() {
    }

    public static void configure() {
        NativeBuild.configure();
        BlasKernels.configure();
    }

    /** Both decisions, for the log: "libnd4j build '-onednn-avx512' (...); OpenBLAS kernels SkylakeX (...)". */
    public static String decisions() {
        return NativeBuild.decision() + "; OpenBLAS kernels " + BlasKernels.decision();
    }
}
