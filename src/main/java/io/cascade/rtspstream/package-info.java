/**
 * RTSP ↔ streams: connects the RTSP server ({@code io.cascade.rtsp}) to the streams a server
 * carries. {@link io.cascade.rtspstream.RtspStreams} finds the stream a URL names and asks
 * {@link io.cascade.rtspstream.PlayAdmission} — the one admission point — whether the viewer may
 * play it; {@link io.cascade.rtspstream.StreamRtp} reads the stream's canonical segments back into
 * frames and {@link io.cascade.rtspstream.RtpFanout} packetizes them once for every viewer, with
 * RTP and NTP times taken from the stream's UTC timeline. {@link io.cascade.rtspstream.RtspService}
 * puts it together for the server.
 */
package io.cascade.rtspstream;
