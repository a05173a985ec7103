/** The customer pages {@code /p/}, {@code /u/} and {@code /c/}: server-rendered HTML reached through signed links. */
package dev.kairos.preferences.pages.web;
