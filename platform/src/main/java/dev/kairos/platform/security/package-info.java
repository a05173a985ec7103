/** API security shared by the services: bearer JWTs carrying the scopes of the public API. */
package dev.kairos.platform.security;
