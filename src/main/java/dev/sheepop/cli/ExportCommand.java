package dev.sheepop.cli;

import dev.sheepop.checkpoint.Checkpoints;
import dev.sheepop.export.HfExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code sheepop export --format hf --checkpoint CKPT --out DIR}: a checkpoint as a model other tools read. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export a checkpoint for other tools. hf: a Hugging Face GPT-2 folder (model.safetensors, config.json,",
                "generation_config.json, tokenizer.json) that transformers' GPT2LMHeadModel and PyTorch read.",
                "gguf: one GGUF file for llama.cpp (LM Studio, Ollama, ...); needs a model trained with activation gelu_tanh."},
        footer = {"", "Examples: sheepop export --format hf --checkpoint runs/tiny --out exported/tiny-hf",
                "          sheepop export --format gguf --f16 --checkpoint runs/tiny --out exported/tiny.gguf"})
public final class ExportCommand implements Callable<Integer> {
    /** The formats there are. */
    enum Format { hf, gguf }

    @Option(names = "--format", paramLabel = "FORMAT", required = true, description = "hf (valid: ${COMPLETION-CANDIDATES}).")
    Format format;

    @Option(names = "--checkpoint", paramLabel = "CKPT", required = true, description = "A checkpoint folder, or a run folder (its best).")
    Path checkpoint;

    @Option(names = "--out", paramLabel = "PATH", required = true,
            description = "The folder (hf) or file (gguf) to create; it must not exist.")
    Path out;

    @Option(names = "--f16", description = "gguf: store the weight matrices in F16 (half the size); norms and biases stay F32.")
    boolean f16;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (f16 && format != Format.gguf) {
            throw Options.usage(spec, "--f16: only for --format gguf");
        }
        var loaded = Checkpoints.load(checkpoint);
        var w = spec.commandLine().getOut();
        if (format == Format.gguf) {
            Path file = dev.sheepop.export.GgufExport.export(loaded, out, f16);
            w.printf("Exported %s (gguf, %s) to %s%n", checkpoint, f16 ? "F16" : "F32", file);
            w.flush();
            return Cli.OK;
        }
        Path written = HfExport.export(loaded, out);
        w.printf("Exported %s (%s) to %s: %s, %s, %s, %s%n", loaded.dir().equals(checkpoint) ? checkpoint : checkpoint + " (" + loaded.dir().getFileName() + ")", format, written,
                HfExport.WEIGHTS, HfExport.CONFIG, HfExport.GENERATION_CONFIG, HfExport.TOKENIZER);
        w.flush();
        return Cli.OK;
    }
}
