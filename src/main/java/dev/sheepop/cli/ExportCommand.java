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
                "generation_config.json, tokenizer.json) that transformers' GPT2LMHeadModel and PyTorch read."},
        footer = {"", "Example: sheepop export --format hf --checkpoint runs/tiny --out exported/tiny-hf"})
public final class ExportCommand implements Callable<Integer> {
    /** The formats there are. */
    enum Format { hf }

    @Option(names = "--format", paramLabel = "FORMAT", required = true, description = "hf (valid: ${COMPLETION-CANDIDATES}).")
    Format format;

    @Option(names = "--checkpoint", paramLabel = "CKPT", required = true, description = "A checkpoint folder, or a run folder (its best).")
    Path checkpoint;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "The folder to create (must not exist).")
    Path out;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var loaded = Checkpoints.load(checkpoint);
        Path written = HfExport.export(loaded, out);
        var w = spec.commandLine().getOut();
        w.printf("Exported %s (%s) to %s: %s, %s, %s, %s%n", loaded.dir().equals(checkpoint) ? checkpoint : checkpoint + " (" + loaded.dir().getFileName() + ")", format, written,
                HfExport.WEIGHTS, HfExport.CONFIG, HfExport.GENERATION_CONFIG, HfExport.TOKENIZER);
        w.flush();
        return Cli.OK;
    }
}
