/**
 * The driver SPI: what a storage backend implements ({@link dev.stowage.spi.StorageDriver}) and how it
 * is found ({@link dev.stowage.spi.DriverProvider} through {@link java.util.ServiceLoader}). Drivers
 * receive validated keys and resolved options; conveniences live above this package.
 */
package dev.stowage.spi;
