/** The Playground pane: prompt a model (or two side by side), stream the output, stop it. */
package dev.sheepop.app.playground;
