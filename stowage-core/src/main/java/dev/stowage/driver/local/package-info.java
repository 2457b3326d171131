/**
 * The local file-system driver: {@link dev.stowage.driver.local.LocalDriver}, registered for the
 * {@code local} and {@code file} schemes by {@link dev.stowage.driver.local.LocalDriverProvider}.
 * Objects are plain files under a root directory; sidecars and temp files live under the reserved
 * {@code .stowage/} directory. Everything but the provider and the driver is package-private.
 */
package dev.stowage.driver.local;
