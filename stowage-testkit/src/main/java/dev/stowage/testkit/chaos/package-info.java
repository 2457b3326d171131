/**
 * Fault injection for tests: {@link dev.stowage.testkit.chaos.ChaosLayer} misbehaves as a driver
 * layer by a seeded schedule; {@link dev.stowage.testkit.chaos.FaultProxy} puts real TCP faults
 * (delay, cut, reset, refuse, blackhole) in front of a server.
 */
package dev.stowage.testkit.chaos;
