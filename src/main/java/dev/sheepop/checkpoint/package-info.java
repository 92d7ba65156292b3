/** Checkpoints: folders of plain files (JSON + ND4J binary tensors) written atomically, listed, validated and loaded. */
package dev.sheepop.checkpoint;
