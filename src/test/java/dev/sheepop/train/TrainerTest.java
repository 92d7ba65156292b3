package dev.sheepop.train;

import dev.sheepop.checkpoint.Checkpoints;
import dev.sheepop.config.DataConfig;
import dev.sheepop.config.Presets;
import dev.sheepop.config.RunConfig;
import dev.sheepop.config.TrainConfig;
import dev.sheepop.data.Batches;
import dev.sheepop.data.Corpus;
import dev.sheepop.data.TrainingData;
import dev.sheepop.model.GptGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerTest {
    @TempDir
    Path tmp;

    static String text() throws Exception {
        String all = Files.readString(Path.of("sample-data/tinyshakespeare.txt"));
        return all.substring(0, 40_000);
    }

    static TrainingData data() throws Exception {
        return TrainingData.of(new Corpus(List.of(text()), "test-corpus", "test"), 0.1);
    }

    /** The tiny preset, shortened: 16 wide, context 16, batch 4. */
    static RunConfig config(int steps, int accum, int batch) {
        RunConfig base = Presets.tiny();
        var m = base.model();
        var model = new dev.sheepop.config.GptConfig(0, 16, 2, 2, 32, 16, 0.0, m.activation(), m.positionalEncoding(), true, false, dev.sheepop.config.GptConfig.NormPosition.PRE);
        var t = TrainConfig.defaults().toBuilder().batchSize(batch).maxSteps(steps).learningRate(1e-2).minLr(1e-3)
                .warmupSteps(5).gradientAccumulationSteps(accum).evalInterval(10).evalIters(2).checkpointInterval(0)
                .keepCheckpoints(2).logInterval(5).build();
        var d = new DataConfig("x", 16, 16, 0, 0.1, DataConfig.Sampling.RANDOM, 0, false);
        return new RunConfig(model, dev.sheepop.config.TokenizerConfig.chars(), t, d, RunConfig.Device.AUTO, 42);
    }

    /** The trainer's validation estimate of {@code weights}: the mean loss of the first eval_iters validation batches. */
    static double validationLoss(RunConfig config, Map<String, INDArray> weights) throws Exception {
        var d = config.data();
        var batches = new Batches(data().val(), d.maxLength(), config.training().batchSize(), d.sampling(), d.stride(),
                config.seed());
        var loss = new BatchLoss(GptGraph.build(config.model(), d.maxLength(), false, weights), null);
        double sum = 0;
        for (int i = 0; i < config.training().evalIters(); i++) {
            var b = batches.evalBatch(i);
            sum += loss.loss(b.inputArray(), b.labelArray());
        }
        return sum / config.training().evalIters();
    }

    static List<Double> losses(List<TrainingEvent> events) {
        var out = new ArrayList<Double>();
        for (var e : events) {
            if (e instanceof TrainingEvent.Step s) {
                out.add(s.loss());
            }
        }
        return out;
    }

    @Test
    void lossFallsAndTheRunLeavesCheckpointsMetricsAndPlots() throws Exception {
        var events = new ArrayList<TrainingEvent>();
        var trainer = new Trainer(config(60, 1, 8), data(), tmp.resolve("run"), events::add);
        TrainResult result = trainer.run();
        assertEquals(TrainResult.Status.COMPLETED, result.status());
        List<Double> losses = losses(events);
        assertEquals(60, losses.size());
        double first = losses.subList(0, 5).stream().mapToDouble(d -> d).average().orElseThrow();
        double last = losses.subList(55, 60).stream().mapToDouble(d -> d).average().orElseThrow();
        assertTrue(last < first - 0.8, "loss should fall: " + first + " -> " + last);
        assertTrue(events.get(0) instanceof TrainingEvent.Started);
        assertTrue(events.get(events.size() - 1) instanceof TrainingEvent.Finished);
        List<TrainingEvent.Eval> evals = events.stream().filter(e -> e instanceof TrainingEvent.Eval)
                .map(e -> (TrainingEvent.Eval) e).toList();
        assertEquals(List.of(10L, 20L, 30L, 40L, 50L, 60L), evals.stream().map(TrainingEvent.Eval::step).toList());
        double charsPerToken = data().charsPerToken();
        for (var ev : evals) {   // perplexity and bits per character are the validation loss in other units
            assertEquals(Math.exp(ev.valLoss()), ev.perplexity(), 1e-9 * ev.perplexity());
            assertEquals(ev.valLoss() / Math.log(2) / charsPerToken, ev.bitsPerChar(), 1e-12);
        }
        Path run = tmp.resolve("run");
        assertEquals(60 / 5 + 1 + evals.size(), Files.readAllLines(run.resolve("metrics.jsonl")).size(),
                "a step line every log_interval (and the first step), an eval line per evaluation");
        var ckpt = Checkpoints.load(run);
        assertEquals("best", ckpt.dir().getFileName().toString());
        // the best checkpoint's weights give the best validation loss reported, on the same validation batches
        double best = evals.stream().mapToDouble(TrainingEvent.Eval::valLoss).min().orElseThrow();
        assertEquals(best, ckpt.meta().valLoss(), 1e-12);
        assertEquals(best, validationLoss(ckpt.config(), ckpt.weights()), 1e-5);
        assertEquals(1, Checkpoints.list(run).stream().filter(i -> i.kind().equals("final")).count());
    }

    @Test
    void sameSeedGivesIdenticalLosses() throws Exception {
        var a = new ArrayList<TrainingEvent>();
        var b = new ArrayList<TrainingEvent>();
        new Trainer(config(8, 1, 4), data(), tmp.resolve("a"), a::add).run();
        new Trainer(config(8, 1, 4), data(), tmp.resolve("b"), b::add).run();
        assertEquals(losses(a), losses(b));
    }

    @Test
    void dropoutRunsAreReproducibleToo() throws Exception {
        RunConfig base = config(6, 1, 4);
        var m = base.model();
        RunConfig withDropout = base.withModel(new dev.sheepop.config.GptConfig(m.vocabSize(), m.dModel(), m.numLayers(),
                m.numHeads(), m.dFf(), m.maxSeqLen(), 0.2, m.activation(), m.positionalEncoding(), m.tieEmbeddings(), m.bias(), dev.sheepop.config.GptConfig.NormPosition.PRE));
        var a = new ArrayList<TrainingEvent>();
        var b = new ArrayList<TrainingEvent>();
        var plain = new ArrayList<TrainingEvent>();
        new Trainer(withDropout, data(), tmp.resolve("d1"), a::add).run();
        new Trainer(withDropout, data(), tmp.resolve("d2"), b::add).run();
        new Trainer(base, data(), tmp.resolve("d3"), plain::add).run();
        assertEquals(losses(a), losses(b));
        assertTrue(!losses(a).equals(losses(plain)), "dropout changes the losses");
        assertTrue(a.stream().anyMatch(e -> e instanceof TrainingEvent.Eval ev && Double.isFinite(ev.valLoss())));
    }

    @Test
    void accumulationEqualsOneBigBatch() throws Exception {
        var big = new Trainer(config(3, 1, 8), data(), tmp.resolve("big"), null);
        var small = new Trainer(config(3, 2, 4), data(), tmp.resolve("small"), null);
        big.run();
        small.run();
        assertWeightsClose(big.currentWeights(), small.currentWeights(), 1e-5);
    }

    @Test
    void resumedRunEqualsUninterruptedRun() throws Exception {
        var straight = new ArrayList<TrainingEvent>();
        RunConfig eight = withSteps(config(8, 1, 4), 8);
        var a = new Trainer(eight, data(), tmp.resolve("straight"), straight::add);
        a.run();
        var first = new ArrayList<TrainingEvent>();
        new Trainer(withSteps(config(8, 1, 4), 4), data(), tmp.resolve("split"), first::add).run();
        var second = new ArrayList<TrainingEvent>();
        var resumed = Trainer.resume(tmp.resolve("split"), data(), second::add, t -> eight.training());
        resumed.run();
        var both = new ArrayList<>(losses(first));
        both.addAll(losses(second));
        assertEquals(losses(straight), both);
        assertWeightsClose(a.currentWeights(), resumed.currentWeights(), 0.0);
        var steps = second.stream().filter(e -> e instanceof TrainingEvent.Step).map(e -> ((TrainingEvent.Step) e).step()).toList();
        assertEquals(List.of(5L, 6L, 7L, 8L), steps);
    }

    @Test
    void aStandaloneCheckpointResumesIntoAGivenRunFolder() throws Exception {
        new Trainer(config(3, 1, 4), data(), tmp.resolve("orig"), null).run();
        Path standalone = tmp.resolve("shipped");
        java.nio.file.Files.move(tmp.resolve("orig/checkpoints/step-0000003"), standalone);
        var e = org.junit.jupiter.api.Assertions.assertThrows(dev.sheepop.common.UserException.class,
                () -> Trainer.resume(standalone, data(), null));
        assertTrue(e.getMessage().contains("not inside a run folder"), e.getMessage());
        var resumed = Trainer.resume(standalone, data(), null, t -> t.withMaxSteps(5), tmp.resolve("continued"));
        assertEquals(5, resumed.run().steps());
        assertEquals(5, Checkpoints.loadResumable(tmp.resolve("continued")).state().step());
    }

    @Test
    void resumeRefusesAnotherTokenizer() throws Exception {
        new Trainer(config(2, 1, 4), data(), tmp.resolve("r"), null).run();
        var other = TrainingData.of(new Corpus(List.of(text() + "\u00e9\u00e8"), "other", "test"), 0.1);
        var e = org.junit.jupiter.api.Assertions.assertThrows(dev.sheepop.common.UserException.class,
                () -> Trainer.resume(tmp.resolve("r"), other, null));
        assertTrue(e.getMessage().contains("tokenizer"), e.getMessage());
    }

    @Test
    void nanLossStopsTheRunAndNamesTheStep() throws Exception {
        var events = new ArrayList<TrainingEvent>();
        var holder = new Trainer[1];
        holder[0] = new Trainer(config(20, 1, 4), data(), tmp.resolve("nan"), e -> {
            events.add(e);
            if (e instanceof TrainingEvent.Step s && s.step() == 3) {
                holder[0].liveWeights().get(dev.sheepop.model.ParamNames.LNF_G).assign(Double.NaN); // as a diverging run would
            }
            if (e instanceof TrainingEvent.Step s && s.step() == 2) {
                throw new IllegalStateException("a failing listener must not stop training");
            }
        });
        var result = holder[0].run();
        assertEquals(TrainResult.Status.FAILED, result.status());
        var failed = (TrainingEvent.Failed) events.get(events.size() - 1);
        assertEquals(4, failed.step());
        assertTrue(failed.message().contains("NaN at step 4"), failed.message());
        assertTrue(Checkpoints.list(tmp.resolve("nan")).stream().noneMatch(i -> i.step() >= 4), "no checkpoint of NaN weights");
    }

    @Test
    void stopRequestSavesACheckpointAndReturns() throws Exception {
        var holder = new Trainer[1];
        var events = new ArrayList<TrainingEvent>();
        holder[0] = new Trainer(config(1000, 1, 4), data(), tmp.resolve("stop"), e -> {
            events.add(e);
            if (e instanceof TrainingEvent.Step s && s.step() == 5) {
                holder[0].requestStop();
            }
        });
        TrainResult result = holder[0].run();
        assertEquals(TrainResult.Status.STOPPED, result.status());
        assertEquals(5, result.steps());
        assertTrue(events.stream().anyMatch(e -> e instanceof TrainingEvent.Checkpointed c && c.kind().equals("stop") && c.step() == 5));
        assertEquals(5, Checkpoints.loadResumable(tmp.resolve("stop")).state().step());
    }

    @Test
    void pauseHoldsTheRunUntilResumedAndWeightsCanBeCopiedMeanwhile() throws Exception {
        var holder = new Trainer[1];
        var steps = new java.util.concurrent.CopyOnWriteArrayList<Long>();
        var pausedAtTwo = new java.util.concurrent.CountDownLatch(1);
        holder[0] = new Trainer(config(6, 1, 4), data(), tmp.resolve("pause"), e -> {
            if (e instanceof TrainingEvent.Step s) {
                steps.add(s.step());
                if (s.step() == 2) {
                    holder[0].pause();      // on the training thread: step 3 cannot start before a resume
                    pausedAtTwo.countDown();
                }
            }
        });
        var thread = new Thread(holder[0]::run);
        thread.start();
        assertTrue(pausedAtTwo.await(60, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(holder[0].isPaused());
        Map<String, INDArray> copy = holder[0].currentWeights();
        assertEquals(dev.sheepop.model.ParamNames.shapes(holder[0].config().model()).keySet(), copy.keySet());
        assertEquals(List.of(1L, 2L), List.copyOf(steps), "paused after step 2");
        holder[0].resumeAfterPause();
        thread.join(60_000);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), List.copyOf(steps));
    }

    /**
     * Tokens/s is the steps' speed and the ETA the steps' pace: a pause is in neither. The run's clock ticks 1 ms per
     * reading, and an hour at the first reading while paused (the loop waiting to resume).
     */
    @Test
    void tokensPerSecondAndTheEtaLeaveAPauseOut() throws Exception {
        var holder = new Trainer[1];
        var rates = new java.util.concurrent.ConcurrentHashMap<Long, Double>();
        var etas = new java.util.concurrent.ConcurrentHashMap<Long, java.time.Duration>();
        var hourPassed = new java.util.concurrent.CountDownLatch(1);
        long[] now = {0};
        holder[0] = new Trainer(config(4, 1, 4), data(), tmp.resolve("rate"), e -> {
            if (e instanceof TrainingEvent.Step s) {
                rates.put(s.step(), s.tokensPerSec());
                etas.put(s.step(), s.eta());
                if (s.step() == 2) {
                    holder[0].pause();
                }
            }
        }).clock(() -> {
            synchronized (now) {
                long t = now[0];
                boolean pausedNow = holder[0].isPaused() && hourPassed.getCount() > 0;
                now[0] += pausedNow ? java.time.Duration.ofHours(1).toNanos() : 1_000_000;
                if (pausedNow) {
                    hourPassed.countDown();
                }
                return t;
            }
        });
        var thread = new Thread(holder[0]::run);
        thread.start();
        assertTrue(hourPassed.await(60, java.util.concurrent.TimeUnit.SECONDS));
        holder[0].resumeAfterPause();
        thread.join(60_000);
        assertEquals(4, rates.size(), rates.toString());
        // each step took 1 ms on this clock: the hour's pause changes neither the rate nor the time left
        assertEquals(rates.get(2L), rates.get(3L), 1e-9 * rates.get(2L), "tokens/s after an hour's pause: " + rates);
        assertTrue(etas.get(3L).toSeconds() < 1, "time left after an hour's pause: " + etas);
        assertTrue(etas.get(2L).toSeconds() < 1, etas.toString());
    }

    static RunConfig withSteps(RunConfig c, int steps) {
        var t = c.training();
        return c.withTraining(t.toBuilder().maxSteps(steps).lrDecaySteps(8).build());
    }

    static void assertWeightsClose(Map<String, INDArray> a, Map<String, INDArray> b, double tol) {
        assertEquals(a.keySet(), b.keySet());
        for (String k : a.keySet()) {
            double diff = a.get(k).sub(b.get(k)).amaxNumber().doubleValue();
            assertTrue(diff <= tol, k + " differs by " + diff);
        }
    }
}
