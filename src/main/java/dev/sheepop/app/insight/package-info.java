/** The workbench's views into the model and its corpus: corpus search, attention maps, the retrieval layer they share. */
package dev.sheepop.app.insight;
