/** Reaching the dispatch instance that holds a key's state: a status or a customer's data lives on one only. */
package dev.kairos.dispatch.instances;
