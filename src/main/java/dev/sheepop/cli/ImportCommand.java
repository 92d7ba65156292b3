package dev.sheepop.cli;

import dev.sheepop.common.RunLayout;
import dev.sheepop.export.HfImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code sheepop import --format hf DIR --out CKPT}: a GPT-2 model folder as a workbench checkpoint. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import a Hugging Face GPT-2 model folder (config.json, model.safetensors, tokenizer.json), for example",
                "one exported here and trained further with PyTorch, as a checkpoint the browser, the Playground and",
                "generate open. It holds weights only (no optimizer state)."},
        footer = {"", "Example: sheepop import --format hf exported/tiny-hf --out runs/tiny-trained-elsewhere",
                "(the checkpoint is written to RUN/checkpoints/imported, where the workbench's browser finds it)"})
public final class ImportCommand implements Callable<Integer> {
    @Option(names = "--format", paramLabel = "FORMAT", required = true, description = "hf (valid: ${COMPLETION-CANDIDATES}).")
    Format format;

    /** The formats that can be imported. */
    enum Format { hf }

    @Parameters(paramLabel = "DIR", description = "The model folder to import.")
    Path dir;

    @Option(names = "--out", paramLabel = "RUN", required = true,
            description = "The run folder to create it in (RUN/checkpoints/imported; it must not exist yet).")
    Path out;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Path written = HfImport.importModel(dir, out.resolve(RunLayout.CHECKPOINTS).resolve("imported"));
        var w = spec.commandLine().getOut();
        w.printf("Imported %s as the checkpoint %s (weights only: train --resume on it starts a fresh optimizer)%n", dir, written);
        w.flush();
        return Cli.OK;
    }
}
