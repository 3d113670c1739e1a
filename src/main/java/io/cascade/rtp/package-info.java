/**
 * RTP and RTCP (RFC 3550), the RTP payload formats of the codecs Cascade carries — H.264
 * (RFC 6184), H.265 (RFC 7798), AAC-hbr (RFC 3640) — and the SDP that describes them (RFC 4566),
 * written from the specifications.
 *
 * <p>A {@link io.cascade.rtp.RtpPacketizer} turns one {@link io.cascade.media.Frame} into
 * {@link io.cascade.rtp.RtpChunk}s, which {@link io.cascade.rtp.RtpPacket#write} puts behind a
 * header; {@link io.cascade.rtp.RtpPacket#decode} reads any RTP packet back. Transport (RTSP,
 * UDP) is elsewhere: this package knows bytes, frames and tracks only.
 *
 * <p>Receiving goes the other way: {@link io.cascade.rtp.SdpReader} reads a server's SDP, a
 * {@link io.cascade.rtp.ReorderWindow} puts packets in order, an
 * {@link io.cascade.rtp.RtpDepacketizer} rebuilds whole frames (dropping any that lost a packet),
 * {@link io.cascade.rtp.RtpClock} unwraps timestamps and {@link io.cascade.rtp.DecodeTimes} gives
 * video its decode times.
 */
package io.cascade.rtp;
