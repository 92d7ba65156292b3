/** Text to token ids and back: the {@link dev.sheepop.tokenizer.Tokenizer} interface, the character tokenizer, JSON files. */
package dev.sheepop.tokenizer;
