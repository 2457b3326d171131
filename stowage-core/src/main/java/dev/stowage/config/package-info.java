/**
 * Disks from configuration: {@link dev.stowage.config.StowageConfig} (properties file, environment,
 * explicit settings, {@code ${VAR}} references, opt-in auto-detection) and
 * {@link dev.stowage.config.StorageManager} (named disks created lazily and once, with their layers,
 * checked all at once by {@code validate()}). See {@code docs/configuration.md}.
 */
package dev.stowage.config;
