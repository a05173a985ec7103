/** Plain value types that the catalogue and the customers' preferences share. */
package dev.kairos.preferences.common;
