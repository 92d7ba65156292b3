/** Small pieces every other package uses: the user-facing exception, the JSON mapper, hashing. */
package dev.sheepop.common;
