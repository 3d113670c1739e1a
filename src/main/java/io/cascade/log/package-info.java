/**
 * What every feature needs to log safely: {@link io.cascade.log.PeerText} escapes strings a peer
 * sent (stream names, paths, error texts) before they reach a log line.
 */
package io.cascade.log;
