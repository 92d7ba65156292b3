package dev.sheepop.model;

import dev.sheepop.common.UserException;
import dev.sheepop.config.RunConfig;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The default build trains on the CPU backend, and Backend asks ND4J which backend runs, not a class name. */
class BackendTest {
    @Test
    void theCpuBuildReportsTheCpuBackend() {
        assertTrue(Nd4j.getEnvironment().isCPU());
        assertFalse(Backend.isCuda());
        assertEquals(RunConfig.Device.CPU, Backend.select(RunConfig.Device.AUTO));
        var e = assertThrows(UserException.class, () -> Backend.select(RunConfig.Device.CUDA));
        assertEquals(Backend.CUDA_MISSING, e.getMessage());
        assertTrue(Backend.describe().startsWith("CPU (nd4j-native"), Backend.describe());
    }
}
