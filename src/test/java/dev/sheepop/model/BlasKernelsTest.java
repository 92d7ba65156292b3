package dev.sheepop.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class BlasKernelsTest {
    @Test
    void avx512CpusGetSkylakeXKernelsAndAvx2CpusHaswell() {
        assertEquals("SkylakeX", BlasKernels.choose(Set.of("fma", "avx2", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl")));
        assertEquals("Haswell", BlasKernels.choose(Set.of("fma", "avx2", "avx512f"))); // AVX-512 foundation alone is not enough
        assertEquals("Haswell", BlasKernels.choose(Set.of("sse3", "avx", "avx2", "fma")));
        assertNull(BlasKernels.choose(Set.of("sse3", "avx")));
        assertNull(BlasKernels.choose(Set.of()));
    }

    @Test
    void readsTheFirstProcessorsFlags(@TempDir Path dir) throws Exception {
        Path cpuinfo = dir.resolve("cpuinfo");
        Files.writeString(cpuinfo, """
                processor\t: 0
                model name\t: Some CPU
                flags\t\t: fpu sse3 avx2 fma
                
                processor\t: 1
                flags\t\t: fpu sse3
                """);
        assertEquals(Set.of("fpu", "sse3", "avx2", "fma"), CpuInfo.flags(cpuinfo));
        Files.writeString(cpuinfo, "processor\t: 0\n");
        assertEquals(Set.of(), CpuInfo.flags(cpuinfo));
    }

    /** The point of the class: on a CPU with AVX2, OpenBLAS must not run its SSE3 fallback kernels. */
    @Test
    void openBlasDoesNotFallBackToSse3KernelsOnAnAvx2Cpu() throws Exception {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        assumeTrue(Files.isReadable(cpuinfo), "no /proc/cpuinfo (not Linux)");
        String expected = BlasKernels.choose(CpuInfo.flags(cpuinfo));
        assumeTrue(expected != null, "this CPU has no AVX2: OpenBLAS's own choice applies");
        Nd4j.create(2, 2).mmul(Nd4j.create(2, 2)); // loads the backend
        String inUse = BlasKernels.inUse();
        assertNotNull(inUse, "OpenBLAS's core name");
        assertNotEquals("Prescott", inUse, BlasKernels.decision());
        if (!BlasKernels.decision().contains("from the environment")) {
            assertEquals(expected, inUse, BlasKernels.decision());
        }
    }
}
