/**
 * The local SMSC simulator (SMPP 3.4, on jSMPP's server side), for the local run and the tests: it takes binds,
 * acknowledges submit_sm, reassembles long texts, sends delivery receipts, and lets a test or a person play a
 * handset that answers. jSMPP is an optional dependency of the platform: no service ships the simulator running.
 */
package dev.kairos.platform.smsc;
