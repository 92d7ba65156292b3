package dev.sheepop.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What {@link NativeBuild} and {@link BlasKernels} read about this machine and process: whether it is Linux on
 * x86-64, the CPU's instruction-set flags, and which native library file this process has loaded.
 */
final class CpuInfo {
    /** The AVX-512 subsets OpenBLAS's SkylakeX kernels and libnd4j's AVX-512 builds use. */
    private static final List<String> AVX512 = List.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl");

    private CpuInfo() {
    }

    static boolean linuxX86() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        return os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
    }

    static boolean hasAvx512(Set<String> flags) {
        return flags.containsAll(AVX512);
    }

    /** The "flags" of the first processor listed in a {@code /proc/cpuinfo}-format file; empty if none. */
    static Set<String> flags(Path cpuinfo) throws IOException {
        for (String line : Files.readAllLines(cpuinfo)) {
            if (line.startsWith("flags")) {
                int colon = line.indexOf(':');
                if (colon >= 0) {
                    return new HashSet<>(Arrays.asList(line.substring(colon + 1).trim().split("\\s+")));
                }
            }
        }
        return Set.of();
    }

    /** The path of the first library this process has mapped whose file name starts with {@code name}, or null. */
    static String loaded(String name) throws IOException {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return null;
        }
        for (String line : Files.readAllLines(maps)) {
            int slash = line.indexOf('/');
            if (slash >= 0 && line.substring(line.lastIndexOf('/') + 1).startsWith(name)) {
                return line.substring(slash);
            }
        }
        return null;
    }
}
