/** The JavaFX workbench: the only package that imports javafx. Panes bind to view-models over the core. */
package dev.sheepop.app;
