/**
 * The built-in token stores that need no database ({@code memory}, {@code file}) and the cipher that seals token values
 * at rest. Uses {@code config} and below. Not API.
 */
package io.github.procorecdi.store;
