/**
 * Behaviour composed around a driver: each layer is a small decorator over
 * {@link dev.stowage.layer.ForwardingDriver} (retry, timeout, concurrency limit, read-only, logging,
 * observation, key prefix), stacked by {@link dev.stowage.layer.Layers} in the documented order.
 */
package dev.stowage.layer;
