package dev.sheepop.app.playground;

import dev.sheepop.generate.Generator;

import java.util.Objects;

/** A model the Playground can generate from: a display name (checkpoint or run) and its generator. */
public record ModelSlot(String name, Generator generator) {
    public ModelSlot {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(generator, "generator");
    }

    @Override
    public String toString() {
        return name;
    }
}
