/** The Checkpoints pane: browse runs and checkpoints, compare two, resume, open in the Playground, export, delete. */
package dev.sheepop.app.checkpoints;
