package dev.sheepop.model;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Chooses which build of libnd4j (ND4J's native library) this process loads, before ND4J loads it. SheepOp ships
 * three for Linux x86-64: the generic one, the AVX2 one, and the AVX-512 one with oneDNN (Intel's deep-learning
 * kernels for matrix products, softmax and layer norms). JavaCPP loads the build named by the system property
 * {@value #PROPERTY}; left unset, it takes the AVX2 build on an AVX2 CPU. On a CPU with AVX-512 this class names the
 * oneDNN build instead: on the 2-core AMD EPYC of docs/performance.md its one-thread forward and backward pass of the
 * reference model took 16 % less time, with the same losses ({@code sheepop bench train}, alternating rounds). A
 * property the user set wins; a build that is not on the class path is never named, so JavaCPP's own choice remains.
 */
public final class NativeBuild {
    static final String PROPERTY = "org.bytedeco.javacpp.platform.extension";
    static final String ONEDNN_AVX512 = "-onednn-avx512";
    private static final String LIBRARY = "org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64%s/libnd4jcpu.so";
    private static final Logger LOG = LoggerFactory.getLogger(NativeBuild.class);
    private static String decision = "not configured";

    private NativeBuild() {
    }

    /** Names the oneDNN AVX-512 build when the CPU has AVX-512, the build is shipped and the user chose none. */
    public static synchronized void configure() {
        if (!decision.equals("not configured")) {
            return;
        }
        String set = System.getProperty(PROPERTY);
        if (set != null) {
            decision = "libnd4j build '" + set + "' (-D" + PROPERTY + ")";
            return;
        }
        if (!CpuInfo.linuxX86()) {
            decision = "JavaCPP's choice of libnd4j build (not Linux x86-64)";
            return;
        }
        try {
            String build = choose(CpuInfo.flags(Path.of("/proc/cpuinfo")), NativeBuild::shipped);
            if (build == null) {
                decision = "JavaCPP's choice of libnd4j build";
                return;
            }
            System.setProperty(PROPERTY, build);
            decision = "libnd4j build '" + build + "' (chosen by SheepOp from the CPU flags)";
        } catch (IOException | RuntimeException e) {
            decision = "JavaCPP's choice of libnd4j build (" + e.getClass().getSimpleName() + ")";
            LOG.debug("cannot choose the libnd4j build", e);
        }
    }

    /** What {@link #configure()} decided. */
    public static synchronized String decision() {
        return decision;
    }

    /**
     * The libnd4j build this process has loaded ("onednn-avx512", "avx2", "" for the generic one), found in
     * /proc/self/maps, or null when ND4J is not loaded yet or the maps cannot be read.
     */
    public static String inUse() {
        try {
            String lib = CpuInfo.loaded("libnd4jcpu.so");
            int platform = lib == null ? -1 : lib.lastIndexOf("linux-x86_64");
            if (platform >= 0) {
                return lib.substring(platform + "linux-x86_64".length(), lib.lastIndexOf('/')).replaceFirst("^-", "");
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot read /proc/self/maps", e);
        }
        return null;
    }

    /** The build for these {@code /proc/cpuinfo} flags among those {@code shipped}, or null for JavaCPP's own choice. */
    static String choose(Set<String> flags, Predicate<String> shipped) {
        return CpuInfo.hasAvx512(flags) && shipped.test(ONEDNN_AVX512) ? ONEDNN_AVX512 : null;
    }

    /** Whether the libnd4j build with this extension ("-avx2", "-onednn-avx512") is on the class path. */
    static boolean shipped(String extension) {
        return NativeBuild.class.getClassLoader().getResource(String.format(LIBRARY, extension)) != null;
    }
}
