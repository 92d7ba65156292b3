package dev.sheepop.model;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import dev.sheepop.common.ProcessEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * Chooses OpenBLAS's CPU kernels before ND4J loads it.
 *
 * <p>OpenBLAS picks its kernels from the CPU model when its library is loaded. The OpenBLAS that ND4J
 * 1.0.0-M2.1 ships (0.3.21) does not know newer CPUs and falls back to its SSE3 "Prescott" kernels: on the 2-core
 * AMD EPYC of docs/performance.md a 1024³ FP32 matmul ran at 28 GFLOP/s on one thread instead of 91 with the
 * AVX-512 "SkylakeX" kernels, and a one-thread training step of the reference model took 272 instead of 177 ms
 * ({@code OPENBLAS_CORETYPE=K sheepop bench train --steps 30 --threads 1}). OpenBLAS reads {@code OPENBLAS_CORETYPE} from the
 * process environment at load time, so {@link #configure()} sets it there (through the C library's
 * {@code setenv}, {@link ProcessEnvironment}) from the CPU's instruction-set flags, unless the user has set it.
 *
 * <p>Call {@link #configure()} before anything touches ND4J: {@code Main} does, and so does the tests'
 * launcher listener. Called later it changes nothing (OpenBLAS is already initialised).
 */
public final class BlasKernels {
    static final String VARIABLE = "OPENBLAS_CORETYPE";
    private static final Logger LOG = LoggerFactory.getLogger(BlasKernels.class);
    private static String decision = "not configured";

    private BlasKernels() {
    }

    /** Sets {@code OPENBLAS_CORETYPE} for this process if it is unset and the CPU's flags name better kernels. */
    public static synchronized void configure() {
        if (!decision.equals("not configured")) {
            return;
        }
        if (!CpuInfo.linuxX86()) {
            decision = "OpenBLAS's own choice (not Linux x86-64)";
            return;
        }
        try {
            String set = ProcessEnvironment.get(VARIABLE);
            if (set != null && !set.isBlank()) {
                decision = set + " (" + VARIABLE + " from the environment)";
                return;
            }
            String kernels = choose(CpuInfo.flags(Path.of("/proc/cpuinfo")));
            if (kernels == null) {
                decision = "OpenBLAS's own choice (no AVX2/AVX-512 flags found)";
                return;
            }
            decision = ProcessEnvironment.setIfUnset(VARIABLE, kernels) ? kernels + " (chosen by SheepOp from the CPU flags)"
                    : "OpenBLAS's own choice (setenv failed)";
        } catch (IOException | RuntimeException e) {
            decision = "OpenBLAS's own choice (" + e.getClass().getSimpleName() + ")";
            LOG.debug("cannot choose OpenBLAS kernels", e);
        }
    }

    /** What {@link #configure()} decided, e.g. "SkylakeX (chosen by SheepOp from the CPU flags)". */
    public static synchronized String decision() {
        return decision;
    }

    /**
     * The kernels OpenBLAS really uses (e.g. "SkylakeX"), asked from the OpenBLAS library this process has
     * loaded (found in /proc/self/maps; JavaCPP's binding does not expose openblas_get_corename), or null when
     * ND4J's OpenBLAS is not loaded yet or cannot be asked.
     */
    public static String inUse() {
        try {
            String lib = CpuInfo.loaded("libopenblas.so");
            if (lib == null) {
                return null;
            }
            Function f = NativeLibrary.getInstance(lib).getFunction("openblas_get_corename");
            String name = (String) f.invoke(String.class, new Object[0]);
            return name == null ? null : name.trim();
        } catch (IOException | RuntimeException | LinkageError e) {
            LOG.debug("cannot ask OpenBLAS for its kernels", e);
            return null;
        }
    }

    /** OpenBLAS kernel family for these {@code /proc/cpuinfo} flags, or null to leave OpenBLAS's own choice. */
    static String choose(Set<String> flags) {
        if (CpuInfo.hasAvx512(flags)) {
            return "SkylakeX";
        }
        if (flags.contains("avx2") && flags.contains("fma")) {
            return "Haswell";
        }
        return null;
    }


}
