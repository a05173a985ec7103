/** A customer's preferences document: contact points, channels per topic, moments, caps; versioned and published whole. */
package dev.kairos.preferences.customers;
