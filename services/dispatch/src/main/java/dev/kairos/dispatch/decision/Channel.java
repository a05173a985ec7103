package dev.kairos.dispatch.decision;

/** A way of reaching a customer. */
public enum Channel { EMAIL, SMS, MAIL }
