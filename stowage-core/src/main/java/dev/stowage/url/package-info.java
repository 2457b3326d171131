/**
 * Signed URLs for disks served by Stowage itself (memory, local): HMAC-SHA256 signing and
 * verification, and the URL shapes {@code stowage serve} answers.
 */
package dev.stowage.url;
