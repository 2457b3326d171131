/**
 * An in-process Google Cloud Storage JSON API server for tests ({@link
 * dev.stowage.driver.gcs.emulator.GcsEmulator}) and a throw-away service account to sign with
 * ({@link dev.stowage.driver.gcs.emulator.TestServiceAccount}). Published in the test-jar of
 * {@code stowage-gcs}.
 */
package dev.stowage.driver.gcs.emulator;
