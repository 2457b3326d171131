/**
 * The {@code failover} disk: a primary and ordered fallbacks behind circuit breakers, a durable
 * journal of what landed on a fallback, and a crash-safe {@code reconcile()} that copies it back.
 */
package dev.stowage.driver.failover;
