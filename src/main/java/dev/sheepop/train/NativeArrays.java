package dev.sheepop.train;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.Map;

/** Native-memory housekeeping for ND4J arrays the training code owns. */
final class NativeArrays {
    private NativeArrays() {
    }

    /** Frees an array's native memory now instead of whenever the GC finds its wrapper. */
    static void release(INDArray array) {
        if (array != null && array.closeable()) {
            array.close();
        }
    }

    /** Independent copies of the arrays, in the same order. */
    static Map<String, INDArray> copy(Map<String, INDArray> arrays) {
        var copy = new LinkedHashMap<String, INDArray>();
        arrays.forEach((k, v) -> copy.put(k, v.dup()));
        return copy;
    }
}
