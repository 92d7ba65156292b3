package dev.sheepop.checkpoint;

import dev.sheepop.config.RunConfig;
import dev.sheepop.tokenizer.Tokenizer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Path;
import java.util.Map;

/** A checkpoint read from disk: its folder, meta, run config (vocab_size resolved), tokenizer and weights. */
public record LoadedCheckpoint(Path dir, CheckpointMeta meta, RunConfig config, Tokenizer tokenizer,
                               Map<String, INDArray> weights) {
}
