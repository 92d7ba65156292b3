package dev.sheepop.train;

import dev.sheepop.config.RunConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.sheepop.train.TrainerTest.assertWeightsClose;
import static dev.sheepop.train.TrainerTest.config;
import static dev.sheepop.train.TrainerTest.data;
import static dev.sheepop.train.TrainerTest.losses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Data-parallel training ({@link ParallelReplicas}) computes what one thread computes, up to rounding. */
class ParallelTrainingTest {
    @TempDir
    Path tmp;

    @Test
    void batchSlicesAreAsEvenAsPossible() {
        assertEquals(List.of(6, 6), shares(12, 2));
        assertEquals(List.of(3, 2), shares(5, 2));
        assertEquals(List.of(2, 2, 1), shares(5, 3));
    }

    private static List<Integer> shares(int batch, int replicas) {
        var out = new ArrayList<Integer>();
        for (int k = 0; k < replicas; k++) {
            out.add(ParallelReplicas.share(batch, replicas, k));
        }
        return out;
    }

    @Test
    void twoAndThreeThreadsTrainLikeOneEvenWithAnUnevenBatch() throws Exception {
        for (int batch : new int[]{4, 5}) {
            RunConfig cfg = config(6, 1, batch);
            var one = new ArrayList<TrainingEvent>();
            var two = new ArrayList<TrainingEvent>();
            var three = new ArrayList<TrainingEvent>();
            var a = new Trainer(cfg, data(), tmp.resolve("one" + batch), one::add).threads(1);
            var b = new Trainer(cfg, data(), tmp.resolve("two" + batch), two::add).threads(2);
            var c = new Trainer(cfg, data(), tmp.resolve("three" + batch), three::add).threads(3);
            a.run();
            b.run();
            c.run();
            List<Double> l1 = losses(one);
            List<Double> l2 = losses(two);
            List<Double> l3 = losses(three);
            assertEquals(l1.size(), l2.size());
            for (int i = 0; i < l1.size(); i++) {
                assertEquals(l1.get(i), l2.get(i), 1e-5, "batch " + batch + ", step " + (i + 1) + " with 2 threads");
                assertEquals(l1.get(i), l3.get(i), 1e-5, "batch " + batch + ", step " + (i + 1) + " with 3 threads");
            }
            List<Double> v1 = valLosses(one);   // evaluations run on the replicas' threads too
            assertFalse(v1.isEmpty(), "the run evaluates");
            assertEquals(v1.size(), valLosses(two).size());
            for (int i = 0; i < v1.size(); i++) {
                assertEquals(v1.get(i), valLosses(two).get(i), 1e-5, "batch " + batch + ", evaluation " + i + " with 2 threads");
                assertEquals(v1.get(i), valLosses(three).get(i), 1e-5, "batch " + batch + ", evaluation " + i + " with 3 threads");
            }
            assertWeightsClose(a.currentWeights(), b.currentWeights(), 1e-5);
            assertWeightsClose(a.currentWeights(), c.currentWeights(), 1e-5);
            assertTrue(started(two).contains("2 training threads (data-parallel)"), started(two));
            assertFalse(started(one).contains("data-parallel"), started(one));
        }
    }

    @Test
    void parallelRunsAreReproducible() throws Exception {
        var a = new ArrayList<TrainingEvent>();
        var b = new ArrayList<TrainingEvent>();
        new Trainer(config(6, 2, 4), data(), tmp.resolve("a"), a::add).threads(2).run();
        new Trainer(config(6, 2, 4), data(), tmp.resolve("b"), b::add).threads(2).run();
        assertEquals(losses(a), losses(b));
    }

    @Test
    void threadsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new Trainer(config(2, 1, 4), TrainerTest.data(), tmp, null).threads(0));
    }

    private static List<Double> valLosses(List<TrainingEvent> events) {
        return events.stream().filter(e -> e instanceof TrainingEvent.Eval).map(e -> ((TrainingEvent.Eval) e).valLoss()).toList();
    }

    private static String started(List<TrainingEvent> events) {
        return events.stream().filter(e -> e instanceof TrainingEvent.Started).map(e -> ((TrainingEvent.Started) e).backend())
                .findFirst().orElse("");
    }
}
