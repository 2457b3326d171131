/**
 * The API applications use: {@link dev.stowage.Storage} (blocking, split into
 * {@link dev.stowage.StorageReader} and {@link dev.stowage.StorageWriter}),
 * {@link dev.stowage.AsyncStorage}, the values they take and return, and the
 * {@link dev.stowage.StorageException} hierarchy. Open a disk with {@link dev.stowage.Stowage}.
 *
 * <p>Parameters and return values are non-null unless documented otherwise.
 */
package dev.stowage;
