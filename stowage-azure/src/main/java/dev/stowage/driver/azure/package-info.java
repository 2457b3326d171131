/**
 * The Azure Blob Storage driver: {@link dev.stowage.driver.azure.AzureDriverProvider} registers the
 * {@code azure} and {@code az} schemes; everything else is package-private and split by role
 * (settings, clients, writer, lister, deleter, URLs, errors). See {@code docs/drivers/azure.md}.
 */
package dev.stowage.driver.azure;
