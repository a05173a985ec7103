/** {@code PUT} and {@code GET /api/v1/templates/{templateId}}, and the compacted topic that stores templates. */
package dev.kairos.dispatch.templates;
