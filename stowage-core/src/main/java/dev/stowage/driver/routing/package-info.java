/**
 * The {@code routing} disk: ordered glob rules give every key an owner among other disks; listings
 * merge the owners in key order.
 */
package dev.stowage.driver.routing;
