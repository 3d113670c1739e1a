/**
 * Network plumbing every listener shares, below any protocol: the {@link io.cascade.net.ConnectionGate}
 * that bounds how many connections the server holds, and rate-limited logging for what peers
 * can cause at will. Netty only; nothing of Cascade's media or streams.
 */
package io.cascade.net;
