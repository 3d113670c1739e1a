/**
 * MPEG-TS inputs: {@code udp://} (unicast or multicast, plain or RTP-wrapped datagrams) and
 * {@code tshttp://} (a transport stream over HTTP). Both feed the one demuxer through
 * {@link io.cascade.tsinput.TsFeed}, which picks the program, counts continuity errors and bounds
 * how long a byte stream may go without becoming tracks.
 */
package io.cascade.tsinput;
