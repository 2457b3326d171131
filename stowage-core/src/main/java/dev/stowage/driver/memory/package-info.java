/** The in-memory driver: a complete disk for tests and caches, with inspection and leak-check helpers. */
package dev.stowage.driver.memory;
