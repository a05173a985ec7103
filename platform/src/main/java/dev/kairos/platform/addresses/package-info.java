/** Address normalisation and the keyed hash that identifies an address without revealing it. */
package dev.kairos.platform.addresses;
