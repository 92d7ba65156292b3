/**
 * Views into the model and its data: baseline floors (what letter and word statistics alone reach), the corpus index
 * that finds text copied from the training data, corpus search, and attention weights.
 */
package dev.sheepop.insight;
