/** RFC 9457 problem details with one entry per invalid field, shared by every service's API. */
package dev.kairos.platform.web;
