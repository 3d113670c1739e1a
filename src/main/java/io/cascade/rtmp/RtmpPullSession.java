package io.cascade.rtmp;

import io.cascade.net.PeerText;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The client side of a pull: after the handshake it sends connect, createStream and play, then
 * hands the media to a {@link FlvDemuxer}. {@code started} completes when playback begins and
 * fails with the server's status when it is refused.
 */
final class RtmpPullSession extends SimpleChannelInboundHandler<RtmpMessage> {
    private static final Logger log = LoggerFactory.getLogger(RtmpPullSession.class);
    private static final double CONNECT = 1;
    private static final double CREATE_STREAM = 2;
    private static final int PLAY_CSID = 8;
    private static final int BUFFER_MILLIS = 1000;

    private final RtmpUrl url;
    private final PublishSession sink;
    private final FlvDemuxer demuxer;
    private final AcknowledgementHandler acknowledgements;
    private final CompletableFuture<Void> started;
    private final IdleConnectionGuard idle;
    private boolean playing;
    private boolean closed;

    RtmpPullSession(RtmpUrl url, PublishSession sink, AcknowledgementHandler acknowledgements,
                    CompletableFuture<Void> started, RtmpLimits limits) {
        this.url = url;
        this.sink = sink;
        this.demuxer = new FlvDemuxer(sink);
        this.acknowledgements = acknowledgements;
        this.started = started;
        this.idle = new IdleConnectionGuard(limits);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event == HandshakeCompleted.INSTANCE) {
            ctx.write(ProtocolControl.setChunkSize(RtmpFanout.CHUNK_SIZE));
            ctx.writeAndFlush(RtmpCommand.of("connect", CONNECT, connectObject()).toMessage(0));
        }
        super.userEventTriggered(ctx, event);
    }

    private Map<String, Object> connectObject() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("app", url.app());
        o.put("flashVer", "LNX 9,0,124,2");
        o.put("tcUrl", url.tcUrl());
        o.put("fpad", false);
        o.put("capabilities", 15.0);
        o.put("audioCodecs", 3191.0);
        o.put("videoCodecs", 252.0);
        o.put("videoFunction", 1.0);
        o.put("objectEncoding", 0.0);
        // Enhanced RTMP: tells servers we take H.265 as hvc1
        o.put("fourCcList", List.of("hvc1", "avc1"));
        return o;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, RtmpMessage m) throws Exception {
        switch (m.typeId()) {
            case RtmpMessageType.WINDOW_ACK_SIZE -> acknowledgements.setWindow(ProtocolControl.intValue(m.payload()));
            case RtmpMessageType.USER_CONTROL -> {
                if (ProtocolControl.userControlEvent(m.payload()) == ProtocolControl.PING_REQUEST) {
                    ctx.writeAndFlush(ProtocolControl.pingResponse(ProtocolControl.userControlValue(m.payload())));
                }
            }
            case RtmpMessageType.COMMAND_AMF0, RtmpMessageType.COMMAND_AMF3 -> onCommand(ctx, RtmpCommand.readCommand(m));
            case RtmpMessageType.DATA_AMF0, RtmpMessageType.DATA_AMF3 -> onData(RtmpCommand.readData(m));
            case RtmpMessageType.VIDEO -> {
                onMedia(ctx);
                demuxer.onVideo(m.timestamp(), m.payload());
            }
            case RtmpMessageType.AUDIO -> {
                onMedia(ctx);
                demuxer.onAudio(m.timestamp(), m.payload());
            }
            default -> {
                // other control messages need no answer
            }
        }
    }

    private void onCommand(ChannelHandlerContext ctx, RtmpCommand c) {
        switch (c.name()) {
            case "_result" -> onResult(ctx, c);
            case "_error" -> fail(ctx, "server refused " + (c.transaction() == CONNECT ? "connect" : "createStream")
                    + ": " + statusText(c.argument(1)));
            case "onStatus" -> onStatus(ctx, c.argument(1));
            default -> log.debug("RTMP pull {}: ignoring command {}", url, PeerText.escape(c.name()));
        }
    }

    private void onResult(ChannelHandlerContext ctx, RtmpCommand c) {
        if (c.transaction() == CONNECT) {
            ctx.writeAndFlush(RtmpCommand.of("createStream", CREATE_STREAM, (Object) null).toMessage(0));
        } else if (c.transaction() == CREATE_STREAM) {
            int streamId = c.argument(1) instanceof Double d ? d.intValue() : 1;
            RtmpMessage play = RtmpCommand.of("play", 0, null, url.name(), -2000.0).toMessage(streamId);
            ctx.write(new RtmpMessage(PLAY_CSID, play.typeId(), streamId, 0, play.payload()));
            ctx.writeAndFlush(ProtocolControl.setBufferLength(streamId, BUFFER_MILLIS));
        }
    }

    private void onStatus(ChannelHandlerContext ctx, Object info) {
        String code = info instanceof Map<?, ?> m && m.get("code") instanceof String s ? s : "";
        String level = info instanceof Map<?, ?> m && m.get("level") instanceof String s ? s : "";
        if ("error".equals(level) || code.endsWith(".StreamNotFound") || code.endsWith(".Failed")) {
            fail(ctx, "server refused play of " + url + ": " + statusText(info));
        } else if ("NetStream.Play.Start".equals(code)) {
            beginPlaying(ctx);
        } else if ("NetStream.Play.Stop".equals(code) || "NetStream.Play.UnpublishNotify".equals(code)) {
            log.info("RTMP pull {}: {}", url, PeerText.escape(code));
            ctx.close();
        }
    }

    private void onMedia(ChannelHandlerContext ctx) {
        beginPlaying(ctx);
        idle.onMedia(ctx);
    }

    /** From here on a source that falls silent for the media timeout is dropped (the input reconnects). */
    private void beginPlaying(ChannelHandlerContext ctx) {
        if (!playing) {
            playing = true;
            idle.awaitMedia(ctx);
        }
        started.complete(null);
    }

    private void onData(RtmpCommand data) {
        Object properties = "@setDataFrame".equals(data.name()) ? data.argument(1)
                : "onMetaData".equals(data.name()) ? data.argument(0) : null;
        if (properties instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> typed = (Map<String, Object>) map;
            demuxer.onMetaData(typed);
        }
    }

    private void fail(ChannelHandlerContext ctx, String message) {
        started.completeExceptionally(new RtmpProtocolException(message));
        log.info("RTMP pull: {}", PeerText.escape(message));
        ctx.close();
    }

    private static String statusText(Object info) {
        if (info instanceof Map<?, ?> m) {
            return m.get("code") + " (" + m.get("description") + ")";
        }
        return String.valueOf(info);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        idle.cancel();
        started.completeExceptionally(new RtmpProtocolException("connection to " + url + " closed before playing"));
        if (!closed) {
            closed = true;
            sink.onClose();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause.getCause() != null ? cause.getCause() : cause;
        started.completeExceptionally(root);
        log.info("RTMP pull {}: closing: {}", url, root.toString());
        ctx.close();
    }
}
