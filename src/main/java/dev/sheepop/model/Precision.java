package dev.sheepop.model;

/**
 * How {@link GptGraph} computes. FP32: everything in float. MIXED (autocast): the variables stay FP32 (master
 * weights); every linear and attention matmul casts its inputs to HALF and its output back to FLOAT, while the
 * embeddings, LayerNorm, softmax and the loss stay FP32. Meant for the CUDA backend; on the CPU it is correct but slow.
 */
public enum Precision {
    FP32,
    MIXED
}
