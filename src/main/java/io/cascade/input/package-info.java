/**
 * Inputs: where a stream's frames come from (files looped as live, and later publishers and
 * pulls from other servers), and the supervisor that runs a stream's inputs with failover. A looped
 * file keeps exact frame spacing and its A/V offset across the seam ({@code LoopedTimeline}).
 */
package io.cascade.input;
