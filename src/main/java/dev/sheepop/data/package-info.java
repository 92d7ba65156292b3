/** Training data: a corpus read from disk, its token stream with a train/validation split, and batches of windows. */
package dev.sheepop.data;
