/** SheepOp Workbench: {@link dev.sheepop.Main} opens the workbench or runs the CLI. */
package dev.sheepop;
