/** Customer activity (purchases, inquiries, clicks, visits) that creates implied consent or extends consent. */
package dev.kairos.compliance.activities;
