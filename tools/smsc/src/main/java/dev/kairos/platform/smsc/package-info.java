/**
 * The SMSC simulator (SMPP 3.4, on jSMPP's server side), for the local run, the tests and Compose: it takes binds,
 * acknowledges submit_sm, reassembles long texts, sends delivery receipts, and lets a test or a person play a
 * handset that answers. Its own module (tools/smsc): no service ships it.
 */
package dev.kairos.platform.smsc;
