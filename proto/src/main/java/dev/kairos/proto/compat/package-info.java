/** The build's schema compatibility gate and the command that releases new schema versions. */
package dev.kairos.proto.compat;
