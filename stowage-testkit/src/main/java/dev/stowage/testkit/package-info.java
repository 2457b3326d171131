/**
 * Testing with Stowage: the contract suite every driver passes ({@link dev.stowage.testkit.StorageContract}),
 * the small HTTP server that serves signed URLs of memory and local disks in tests
 * ({@link dev.stowage.testkit.SignedUrlServer}) and reproducible test data
 * ({@link dev.stowage.testkit.TestBytes}).
 *
 * <p>A new driver is done when its test class, a subclass of {@code StorageContract} against a real
 * server on 127.0.0.1, passes the whole suite.
 */
package dev.stowage.testkit;
