/**
 * Load generators for the scripts in {@code bench/}: plain {@code main} programs, not tests, so
 * {@code mvn verify} never runs them.
 */
package io.cascade.bench;
