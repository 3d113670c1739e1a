/**
 * Play authorization, one layer for every protocol: {@link io.cascade.auth.PlayGate#admit} is
 * asked by HLS, DASH, RTMP (and RTSP and HTTP MPEG-TS) before a viewer plays. It applies the
 * stream's {@code protocols}, finds or opens the viewer's session, and asks the stream's
 * {@code on_play} backend ({@link io.cascade.auth.HttpAuthBackend}) once per session and then once
 * per {@code X-AuthDuration}, never on an event loop, with concurrent requests of one session
 * coalesced into one backend request.
 */
package io.cascade.auth;
