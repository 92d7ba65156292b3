/** The Config pane: edit model/training/data settings, presets, load/save config.json, live estimates. */
package dev.sheepop.app.config;
