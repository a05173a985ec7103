package dev.kairos.preferences.consents;

public enum ConsentAction { GRANT, CONFIRM, WITHDRAW }
