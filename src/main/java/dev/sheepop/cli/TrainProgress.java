package dev.sheepop.cli;

import dev.sheepop.train.TrainResult;
import dev.sheepop.train.TrainingEvent;
import dev.sheepop.train.TrainingListener;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/** Turns training events into the CLI's progress bar and lines (start, evaluations, checkpoints, notices). */
final class TrainProgress implements TrainingListener {
    private final ProgressBar bar;
    private double lastVal = Double.NaN;
    private boolean started;

    TrainProgress(ProgressBar bar) {
        this.bar = bar;
    }

    @Override
    public synchronized void onEvent(TrainingEvent event) {
        if (event instanceof TrainingEvent.Started s) {
            started = true;
            var m = s.config().model();
            bar.println(String.format(Locale.ROOT, "Backend: %s", s.backend()));
            bar.println("Data: " + s.data());
            if (s.floors() != null) {
                bar.println("Floors (what token statistics alone reach on the validation text): " + s.floors().describe());
            }
            bar.println(String.format(Locale.ROOT, "Model: %,d parameters (%d layers, %d heads, d_model %d, context %d, vocab %d)",
                    s.parameterCount(), m.numLayers(), m.numHeads(), m.dModel(), s.config().data().maxLength(), m.vocabSize()));
            bar.println(String.format(Locale.ROOT, "Run: %s  (%ssteps %d..%d, %d steps per epoch)", s.runDir(),
                    s.startStep() > 0 ? "resuming, " : "", s.startStep() + 1, s.totalSteps(), s.stepsPerEpoch()));
        } else if (event instanceof TrainingEvent.Notice n) {
            bar.println("Note: " + n.message());
        } else if (event instanceof TrainingEvent.Step s) {
            bar.update(s.step(), s.totalSteps(), String.format(Locale.ROOT,
                    "loss %.4f  val %s  lr %.2e  %,.0f tok/s  ETA %s", s.loss(),
                    Double.isFinite(lastVal) ? String.format(Locale.ROOT, "%.4f", lastVal) : "-", s.lr(), s.tokensPerSec(),
                    format(s.eta())));
        } else if (event instanceof TrainingEvent.Eval e) {
            lastVal = e.valLoss();
            bar.println(String.format(Locale.ROOT, "step %d: train loss %.4f, val loss %s, perplexity %.2f, %.3f bits/char",
                    e.step(), e.trainLoss(), Double.isFinite(e.valLoss()) ? String.format(Locale.ROOT, "%.4f", e.valLoss()) : "n/a",
                    e.perplexity(), e.bitsPerChar()));
        } else if (event instanceof TrainingEvent.Checkpointed c) {
            if (!c.kind().equals("best")) {
                bar.println("checkpoint (" + c.kind() + "): " + c.path());
            }
        } else if (event instanceof TrainingEvent.Failed f && started) {
            // a failure before the start (bad data, no CUDA, not enough memory) is thrown, and Cli prints it once
            bar.println("Failed: " + f.message());
        }
    }

    static String summary(TrainResult r, Path runDir) {
        if (r.status() == TrainResult.Status.ALREADY_DONE) {
            return "Nothing to do: " + r.message() + System.lineSeparator() + "Run folder: " + runDir;
        }
        var sb = new StringBuilder();
        sb.append(switch (r.status()) {
            case COMPLETED -> "Done";
            case STOPPED -> "Stopped";
            case FAILED -> "Failed";
            case ALREADY_DONE -> "Nothing to do";
        }).append(String.format(Locale.ROOT, ": %d steps in %s, last train loss %.4f", r.steps(), format(r.elapsed()), r.lastTrainLoss()));
        if (Double.isFinite(r.bestValLoss())) {
            sb.append(String.format(Locale.ROOT, ", best val loss %.4f", r.bestValLoss()));
            if (!r.standing().isEmpty()) {
                sb.append(" (").append(r.standing()).append(')');
            }
        }
        sb.append(System.lineSeparator()).append("Run folder: ").append(runDir);
        if (r.bestCheckpoint() != null) {
            sb.append(System.lineSeparator()).append("Best checkpoint: ").append(r.bestCheckpoint());
        }
        if (r.lastCheckpoint() != null) {
            sb.append(System.lineSeparator()).append("Last checkpoint: ").append(r.lastCheckpoint());
        }
        if (r.status() == TrainResult.Status.STOPPED) {
            sb.append(System.lineSeparator()).append("Continue with: sheepop train --resume ").append(runDir);
        }
        return sb.toString();
    }

    static String format(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        return s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
