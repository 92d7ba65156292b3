package dev.sheepop.app.playground;

import dev.sheepop.checkpoint.CheckpointMeta;
import dev.sheepop.checkpoint.Checkpoints;
import dev.sheepop.generate.Generator;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * A model the Playground can generate from: its name as shown ("run-20261202-150405/best · step 1,500 · val 1.8734"),
 * its generator and the checkpoint folder it came from (null for a model that is not on disk). The Playground holds
 * each checkpoint once, whichever pane opened it.
 */
public record ModelSlot(String name, Generator generator, Path source) {
    public ModelSlot {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(generator, "generator");
        source = source == null ? null : source.toAbsolutePath().normalize();
    }

    /** A model that is not a checkpoint on disk (tests, benchmarks). */
    public ModelSlot(String name, Generator generator) {
        this(name, generator, null);
    }

    /** Loads a checkpoint folder (or a run folder's best), named by its run and checkpoint, or by {@code title}. */
    public static ModelSlot load(Path checkpoint, String title) {
        var loaded = Checkpoints.load(checkpoint);
        String name = (title != null ? title : Checkpoints.displayName(loaded.dir())) + describe(loaded.meta());
        return new ModelSlot(name, Generator.open(loaded), loaded.dir());
    }

    /** " · step 1,500 · val 1.8734 (2.71 bits/char)". */
    static String describe(CheckpointMeta meta) {
        var sb = new StringBuilder(String.format(Locale.ROOT, " · step %,d", meta.step()));
        if (meta.valLoss() != null) {
            sb.append(String.format(Locale.ROOT, " · val %.4f", meta.valLoss()));
            if (meta.bitsPerChar() != null) {
                sb.append(String.format(Locale.ROOT, " (%.2f bits/char)", meta.bitsPerChar()));
            }
        }
        return sb.toString();
    }

    /** True when both are the same model: the same checkpoint folder, or (not on disk) the same name. */
    public boolean sameModelAs(ModelSlot other) {
        return source != null && other.source != null ? source.equals(other.source) : name.equals(other.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
