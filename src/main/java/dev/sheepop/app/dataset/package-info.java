/** The Dataset pane: add files and folders (drag and drop), ingest them in the background, browse the results. */
package dev.sheepop.app.dataset;
