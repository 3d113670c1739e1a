/**
 * {@code input rtsp://}: a stream pulled from an RTSP server or camera. The wire (requests,
 * interleaved frames) is {@link io.cascade.rtsp}, the payload formats {@link io.cascade.rtp}; this
 * package runs the session (DESCRIBE, SETUP, PLAY, keep-alive, receiver reports, TEARDOWN) and
 * turns each track's packets into frames on one input clock for the stream.
 */
package io.cascade.rtspinput;
