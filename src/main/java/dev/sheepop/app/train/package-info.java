/** The Train pane: start, pause, stop and resume training; live loss and learning-rate charts, figures, samples, log. */
package dev.sheepop.app.train;
