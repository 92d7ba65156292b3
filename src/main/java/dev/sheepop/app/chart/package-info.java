/** The workbench's charts: curves over training steps with validation markers, reference levels, log axis, hover and pick. */
package dev.sheepop.app.chart;
