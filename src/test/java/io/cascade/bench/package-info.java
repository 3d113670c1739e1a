/**
 * Benchmarks, not tests: programs with a {@code main} (load generators and measuring programs)
 * that the scripts in {@code bench/} run against servers on 127.0.0.1 and that print Markdown
 * tables. Nothing here runs in {@code mvn verify}.
 */
package io.cascade.bench;
