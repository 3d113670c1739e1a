/**
 * The configuration file of Cascade: a lexer and a block-structured parser turn the text into a
 * tree of {@link io.cascade.config.ConfigNode}s, which is then checked against the known
 * vocabulary and turned into immutable records rooted at {@link io.cascade.config.ServerConfig}.
 *
 * <p>Errors are collected rather than thrown at the first one, so that a user fixing a file sees
 * every problem at once, each as {@code FILE:LINE:COL: message}. Entry point:
 * {@link io.cascade.config.ConfigLoader}.
 */
package io.cascade.config;
