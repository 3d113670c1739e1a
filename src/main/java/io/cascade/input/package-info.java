/**
 * Inputs: where a stream's frames come from (files looped as live, publishers, pulls from other
 * servers), and the supervisor that runs a stream's inputs with failover: by priority, a
 * {@code source_timeout} for pulled inputs, background re-checks of preferred ones, and the
 * backup file while every input is down ({@code FailoverRules}, {@code PriorityRecheck},
 * {@code BackupPlayer}). A looped file keeps exact frame spacing and its A/V offset across the
 * seam ({@code LoopedTimeline}).
 */
package io.cascade.input;
