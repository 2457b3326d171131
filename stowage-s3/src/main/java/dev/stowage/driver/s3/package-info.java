/**
 * The S3 and S3-compatible driver ({@code s3://bucket/prefix}): {@link dev.stowage.driver.s3.S3Driver}
 * over the AWS SDK for Java v2, registered by {@link dev.stowage.driver.s3.S3DriverProvider}.
 * Settings, presets and behaviour are described in {@code docs/drivers/s3.md}.
 */
package dev.stowage.driver.s3;
