/**
 * Benchmarks, not tests: programs with a {@code main} that the scripts in {@code bench/} run
 * against several servers on 127.0.0.1 and that print Markdown tables. Nothing here runs in
 * {@code mvn verify}.
 */
package io.cascade.bench;
