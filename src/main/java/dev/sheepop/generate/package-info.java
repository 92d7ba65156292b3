/**
 * Text generation from a trained checkpoint: samplers, a plain-Java KV-cache decoder checked against the
 * SameDiff graph, streaming with stop strings and cancellation, a prompt cache and an honest benchmark.
 */
package dev.sheepop.generate;
