/** The activities API: POST /api/v1/activities. */
package dev.kairos.compliance.activities.web;
