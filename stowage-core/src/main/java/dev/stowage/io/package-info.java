/** Stream plumbing shared by the front end and drivers: bridges between input streams and reactive publishers. */
package dev.stowage.io;
