/** Training: the loop (Trainer), AdamW, the learning-rate schedule, loss scaling, events, metrics and plots. */
package dev.sheepop.train;
