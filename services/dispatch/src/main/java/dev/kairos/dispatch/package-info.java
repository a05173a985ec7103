/** The dispatch service: campaign requests in, decisions, send queues and outcomes out. */
package dev.kairos.dispatch;
