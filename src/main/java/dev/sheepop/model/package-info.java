/** The GPT model: parameter names and shapes, GPT-2 initialisation, the SameDiff graph and an inference wrapper. */
package dev.sheepop.model;
