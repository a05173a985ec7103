/** The catalogue's REST API. */
package dev.kairos.preferences.topics.web;
