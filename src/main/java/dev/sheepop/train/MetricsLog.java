package dev.sheepop.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sheepop.common.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * metrics.jsonl: one JSON object per line, {@code "type":"step"} (step, epoch, loss, lr, grad_norm,
 * tokens_per_sec, elapsed_s, eta_s, memory_mb) or {@code "type":"eval"} (step, epoch, train_loss, val_loss,
 * perplexity, bits_per_char). Non-finite numbers are written as null. {@link dev.sheepop.checkpoint.Metrics} reads it.
 */
public final class MetricsLog {
    private static final ObjectWriter WRITER = Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);
    private final Path file;

    public MetricsLog(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public void step(TrainingEvent.Step s) {
        var row = new LinkedHashMap<String, Object>();
        row.put("type", "step");
        row.put("step", s.step());
        row.put("epoch", s.epoch());
        row.put("loss", finite(s.loss()));
        row.put("lr", s.lr());
        row.put("grad_norm", finite(s.gradNorm()));
        row.put("tokens_per_sec", Math.round(s.tokensPerSec()));
        row.put("elapsed_s", s.elapsed().toMillis() / 1000.0);
        row.put("eta_s", s.eta().toSeconds());
        row.put("memory_mb", s.memoryBytes() / (1024 * 1024));
        append(row);
    }

    public void eval(TrainingEvent.Eval e, int epoch) {
        var row = new LinkedHashMap<String, Object>();
        row.put("type", "eval");
        row.put("step", e.step());
        row.put("epoch", epoch);
        row.put("train_loss", finite(e.trainLoss()));
        row.put("val_loss", finite(e.valLoss()));
        row.put("perplexity", finite(e.perplexity()));
        row.put("bits_per_char", finite(e.bitsPerChar()));
        append(row);
    }

    private void append(Map<String, Object> row) {
        try {
            Files.writeString(file, WRITER.writeValueAsString(row) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
