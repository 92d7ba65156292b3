package dev.sheepop.model;

import org.nd4j.autodiff.samediff.internal.memory.AbstractMemoryMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A SameDiff session memory manager that reuses the arrays of the previous step.
 *
 * <p>During {@code calculateGradientsAndOutputs} SameDiff 1.0.0-M2.1 allocates every forward and backward
 * intermediate (318 arrays, 156 MB per step of the reference model) and releases almost none of them back to its
 * memory manager, so its array cache never gets to reuse anything: each step allocated and zero-filled 156 MB afresh
 * (≈ 10 % of a step in {@code memset} alone) and left it to the Java GC to free (docs/performance.md). A training step
 * runs the same graph with the same shapes every time, so this manager hands out the arrays of the previous step
 * again: {@link #recycle()} (called by the owner between steps) returns everything allocated since the last call to a
 * pool, and {@code allocate} takes an array of the same type, order and shape from it before creating a new one.
 * Memory stays at one step's worth, with no garbage for the GC.
 *
 * <p>The contract: after {@link #recycle()} the caller must not use any array the session returned before (outputs,
 * gradients); copy what must outlive the step, and never close those arrays (they belong to this manager).
 */
public final class StepMemory extends AbstractMemoryMgr {
    private final Map<String, ArrayDeque<INDArray>> free = new HashMap<>();
    private final Set<INDArray> inUse = Collections.newSetFromMap(new IdentityHashMap<>());
    private long created;
    private long reused;
    private long bytes;

    @Override
    public INDArray allocate(boolean detached, DataType dataType, long... shape) {
        return take(dataType, 'c', shape);
    }

    @Override
    public INDArray allocate(boolean detached, LongShapeDescriptor descriptor) {
        return take(descriptor.dataType(), descriptor.getOrder(), descriptor.getShape());
    }

    private synchronized INDArray take(DataType type, char order, long[] shape) {
        String key = type + "/" + order + Arrays.toString(shape);
        ArrayDeque<INDArray> pool = free.get(key);
        INDArray array = pool == null ? null : pool.poll();
        if (array == null) {
            array = Nd4j.createUninitializedDetached(type, order, shape);
            created++;
            bytes += array.length() * type.width();
        } else {
            reused++;
        }
        inUse.add(array);
        return array;
    }

    /** The session is done with {@code array} before the step ends: it may be handed out again at once. */
    @Override
    public synchronized void release(INDArray array) {
        if (inUse.remove(array)) {
            pool(array);
        }
    }

    /** Makes every array handed out since the last call available again (the previous step's results die here). */
    public synchronized void recycle() {
        List<INDArray> all = new ArrayList<>(inUse);
        inUse.clear();
        all.forEach(this::pool);
    }

    private void pool(INDArray array) {
        String key = array.dataType() + "/" + array.ordering() + Arrays.toString(array.shape());
        free.computeIfAbsent(key, k -> new ArrayDeque<>()).add(array);
    }

    /** Arrays created so far (the rest of the allocations were served from the pool). */
    public synchronized long created() {
        return created;
    }

    public synchronized long reused() {
        return reused;
    }

    /** Native bytes held: every array this manager ever created (it frees none until {@link #close()}). */
    public synchronized long bytes() {
        return bytes;
    }

    @Override
    public synchronized void close() {
        recycle();
        for (var pool : free.values()) {
            for (INDArray a : pool) {
                if (a.closeable()) {
                    a.close();
                }
            }
        }
        free.clear();
        bytes = 0;
    }
}
