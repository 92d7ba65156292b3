package dev.sheepop.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sheepop.common.Json;
import dev.sheepop.common.RunLayout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's metrics.jsonl, read: one JSON object per line, {@code "type":"step"} rows (step, epoch, loss, lr, grad_norm,
 * tokens_per_sec, elapsed_s, eta_s, memory_mb) and {@code "type":"eval"} rows (step, epoch, train_loss, val_loss,
 * perplexity, bits_per_char). Numbers that were not finite are null in the file and NaN here.
 */
public record Metrics(List<Step> steps, List<Eval> evals) {
    public record Step(long step, int epoch, double loss, double lr, double gradNorm, double tokensPerSec, double elapsedSeconds) {
    }

    public record Eval(long step, int epoch, double trainLoss, double valLoss, double perplexity, double bitsPerChar) {
    }

    public static final Metrics NONE = new Metrics(List.of(), List.of());

    /** Reads a metrics file; a missing file reads as no rows, a damaged line is an error naming the file. */
    public static Metrics read(Path file) {
        var steps = new ArrayList<Step>();
        var evals = new ArrayList<Eval>();
        if (!Files.exists(file)) {
            return NONE;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode r = Json.mapper().readTree(line);
                if ("step".equals(r.path("type").asText())) {
                    steps.add(new Step(r.path("step").asLong(), r.path("epoch").asInt(), num(r, "loss"), num(r, "lr"),
                            num(r, "grad_norm"), num(r, "tokens_per_sec"), num(r, "elapsed_s")));
                } else if ("eval".equals(r.path("type").asText())) {
                    evals.add(new Eval(r.path("step").asLong(), r.path("epoch").asInt(), num(r, "train_loss"), num(r, "val_loss"),
                            num(r, "perplexity"), num(r, "bits_per_char")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return new Metrics(List.copyOf(steps), List.copyOf(evals));
    }

    /** The metrics of a checkpoint: its own copy (as of its step), else its run folder's. */
    public static Metrics of(CheckpointInfo checkpoint) {
        Path own = checkpoint.path().resolve(RunLayout.METRICS);
        Path run = RunLayout.runOf(checkpoint.path());
        Path file = Files.isRegularFile(own) ? own : run == null ? own : run.resolve(RunLayout.METRICS);
        Metrics all = read(file);
        return new Metrics(all.steps.stream().filter(s -> s.step() <= checkpoint.step()).toList(),
                all.evals.stream().filter(e -> e.step() <= checkpoint.step()).toList());
    }

    private static double num(JsonNode r, String key) {
        JsonNode n = r.get(key);
        return n == null || !n.isNumber() ? Double.NaN : n.asDouble();
    }
}
