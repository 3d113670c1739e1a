/**
 * Inputs: where a stream's frames come from (files looped as live, and later publishers and
 * pulls from other servers), and the supervisor that runs a stream's inputs with failover.
 */
package io.cascade.input;
