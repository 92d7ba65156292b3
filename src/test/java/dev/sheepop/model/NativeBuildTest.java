package dev.sheepop.model;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class NativeBuildTest {
    private static final Set<String> AVX512 = Set.of("sse4_2", "avx2", "fma", "avx512f", "avx512cd", "avx512bw",
            "avx512dq", "avx512vl");
    private static final Set<String> AVX2 = Set.of("sse4_2", "avx2", "fma");

    @Test
    void anAvx512CpuGetsTheOneDnnBuildWhenItIsShipped() {
        assertEquals("-onednn-avx512", NativeBuild.choose(AVX512, extension -> true));
        assertNull(NativeBuild.choose(AVX512, extension -> false), "not shipped: JavaCPP's own choice");
        assertNull(NativeBuild.choose(AVX2, extension -> true), "AVX2 only: JavaCPP takes the AVX2 build itself");
    }

    @Test
    void theBuildsAreShipped() {
        assertTrue(NativeBuild.shipped("-onednn-avx512"));
        assertTrue(NativeBuild.shipped("-avx2"));
        assertTrue(NativeBuild.shipped(""));
    }

    /** The tests' JVM was prepared as Main prepares the application's: the build loaded is the one for this CPU. */
    @Test
    void thisProcessLoadedTheBuildForItsCpu() throws Exception {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        assumeTrue(Files.isReadable(cpuinfo), "the build is chosen on Linux");
        Nd4j.create(1);   // loads ND4J if no test did yet
        Set<String> flags = CpuInfo.flags(cpuinfo);
        String expected = CpuInfo.hasAvx512(flags) ? "onednn-avx512" : flags.contains("avx2") ? "avx2" : "";
        assertEquals(expected, NativeBuild.inUse(), NativeBuild.decision());
        assertTrue(Backend.describe().startsWith("CPU (nd4j-native " + (expected.isEmpty() ? "generic" : expected) + ", "),
                Backend.describe());
    }
}
