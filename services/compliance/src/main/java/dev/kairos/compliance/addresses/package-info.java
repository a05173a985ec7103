/** Channels, the syntax of the addresses they reach, and the keyed hash that names an address without revealing it. */
package dev.kairos.compliance.addresses;
