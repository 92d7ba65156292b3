package dev.sheepop.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

import static dev.sheepop.config.ConfigException.check;

/**
 * Where the text comes from and how it is cut into training windows (SheepOp LLM's original DataConfig).
 * {@code max_length} is the window (context) length in tokens; {@code stride} the step between strided
 * windows; {@code sampling} chooses strided windows shuffled per epoch (SheepOp LLM's original design) or random windows (nanoGPT).
 */
public record DataConfig(
        @JsonProperty("data_dir") String dataDir,
        @JsonProperty("max_length") int maxLength,
        @JsonProperty("stride") int stride,
        @JsonProperty("num_workers") int numWorkers,
        @JsonProperty("val_fraction") double valFraction,
        @JsonProperty("sampling") Sampling sampling,
        @JsonProperty("min_line_length") int minLineLength,
        @JsonProperty("ocr") boolean ocr) {

    public enum Sampling {
        RANDOM, STRIDED;

        @JsonValue
        public String json() {
            return name().toLowerCase();
        }
    }

    public DataConfig {
        check(maxLength >= 1, "max_length", "must be >= 1, got " + maxLength);
        check(stride >= 1, "stride", "must be >= 1, got " + stride);
        check(numWorkers >= 0 && numWorkers <= 256, "num_workers", "must be in [0, 256] (0 = one per core), got "
                + numWorkers);
        check(valFraction >= 0 && valFraction < 1, "val_fraction", "must be in [0, 1), got " + valFraction);
        check(sampling != null, "sampling", "must be random or strided");
        check(minLineLength >= 0, "min_line_length", "must be >= 0, got " + minLineLength);
    }

    public static DataConfig defaults() {
        return new DataConfig("sample-data", 64, 32, 0, 0.1, Sampling.RANDOM, 10, true);
    }

    public DataConfig withDataDir(String dir) {
        return new DataConfig(dir, maxLength, stride, numWorkers, valFraction, sampling, minLineLength, ocr);
    }
}
