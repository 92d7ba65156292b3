/**
 * Configuration records (model, training, data, the whole run), their JSON form and presets. A leaf
 * package: model, train, checkpoint, the CLI and the workbench all read it, it reads none of them.
 */
package dev.sheepop.config;
