/**
 * The Google Cloud Storage driver: schemes {@code gs} and {@code gcs}, built on
 * {@code google-cloud-storage} (JSON API over HTTP). Only {@link dev.stowage.driver.gcs.GcsDriverProvider}
 * is public; settings and behaviour are described in {@code docs/drivers/gcs.md}.
 */
package dev.stowage.driver.gcs;
