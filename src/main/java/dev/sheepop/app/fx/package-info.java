/** Small JavaFX helpers: background jobs (swappable for a synchronous runner in tests), coalesced event delivery to the FX thread, notifications. */
package dev.sheepop.app.fx;
