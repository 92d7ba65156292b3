package dev.sheepop.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Inputs and next-token labels: {@code labels[b][t] = inputs[b][t + 1]} in the token stream. */
public record Batch(int[][] inputs, int[][] labels) {
    public int size() {
        return inputs.length;
    }

    public int seqLen() {
        return inputs[0].length;
    }

    public INDArray inputArray() {
        return Nd4j.createFromArray(inputs);   // [B, T] INT32
    }

    public INDArray labelArray() {
        return Nd4j.createFromArray(labels);   // [B, T] INT32
    }
}
