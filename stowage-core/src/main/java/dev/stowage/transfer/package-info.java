/**
 * Copy, sync, migrate and check between any two disks: streaming, parallel, verified, resumable by
 * re-running. Entry point: {@link dev.stowage.transfer.Transfer}.
 */
package dev.stowage.transfer;
