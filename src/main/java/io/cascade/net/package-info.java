/**
 * Network plumbing every listener shares, below any protocol: the {@link io.cascade.net.ConnectionGate}
 * that bounds how many connections the server holds, rate-limited logging for what peers
 * can cause at will, and {@link io.cascade.net.PeerText} to escape what peers send before it
 * is logged. Netty only; nothing of Cascade's media or streams.
 */
package io.cascade.net;
