/** The headless command line: picocli commands over the same core the workbench uses. Prints; the core never does. */
package dev.sheepop.cli;
