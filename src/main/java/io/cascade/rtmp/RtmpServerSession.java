package io.cascade.rtmp;

import io.cascade.net.WrittenBytes;
import io.cascade.net.PeerText;
import io.cascade.amf.Amf0Writer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One RTMP connection on the server: answers control messages and the NetConnection /
 * NetStream commands, and either feeds a publisher's media into a {@link PublishSession} or
 * joins a player to the feed's {@link RtmpFanout}.
 */
final class RtmpServerSession extends SimpleChannelInboundHandler<RtmpMessage> {
    private static final Logger log = LoggerFactory.getLogger(RtmpServerSession.class);
    private static final int WINDOW = 2_500_000;

    private final RtmpHooks hooks;
    private final RtmpFanouts fanouts;
    private final AcknowledgementHandler acknowledgements;
    private final IdleConnectionGuard idle;
    private String app = "";
    private int nextStreamId = 1;
    private PublishSession publisher;
    private FlvDemuxer demuxer;
    private String publishedName;
    private RtmpFanouts.Membership playing;
    private PlayingViewer viewer = PlayingViewer.NONE;
    /** A play asked and not answered yet (its authorization is running). */
    private boolean playPending;
    private String appQuery = "";
    private String flashVer = "";
    private String pageUrl = "";
    private String tcUrl = "";
    private WrittenBytes written = new WrittenBytes();

    RtmpServerSession(RtmpHooks hooks, RtmpFanouts fanouts, AcknowledgementHandler acknowledgements,
                      RtmpLimits limits) {
        this.hooks = hooks;
        this.fanouts = fanouts;
        this.acknowledgements = acknowledgements;
        this.idle = new IdleConnectionGuard(limits);
    }

    /** Where the connection's written bytes are counted, for its viewer session. */
    RtmpServerSession countingWith(WrittenBytes counter) {
        this.written = counter;
        return this;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        // counted from the accept, so the handshake and the commands share one bound
        idle.awaitStart(ctx);
        super.channelActive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, RtmpMessage m) throws Exception {
        switch (m.typeId()) {
            case RtmpMessageType.WINDOW_ACK_SIZE -> acknowledgements.setWindow(ProtocolControl.intValue(m.payload()));
            case RtmpMessageType.USER_CONTROL -> onUserControl(ctx, m.payload());
            case RtmpMessageType.COMMAND_AMF0, RtmpMessageType.COMMAND_AMF3 -> onCommand(ctx, m, RtmpCommand.readCommand(m));
            case RtmpMessageType.DATA_AMF0, RtmpMessageType.DATA_AMF3 -> onData(RtmpCommand.readData(m));
            case RtmpMessageType.VIDEO -> {
                if (demuxer != null) {
                    idle.onMedia(ctx);
                    demuxer.onVideo(m.timestamp(), m.payload());
                }
            }
            case RtmpMessageType.AUDIO -> {
                if (demuxer != null) {
                    idle.onMedia(ctx);
                    demuxer.onAudio(m.timestamp(), m.payload());
                }
            }
            default -> {
                // acknowledgements, peer bandwidth, chunk size/abort (applied by the decoder): nothing to do
            }
        }
    }

    private void onUserControl(ChannelHandlerContext ctx, ByteBuf payload) {
        if (ProtocolControl.userControlEvent(payload) == ProtocolControl.PING_REQUEST) {
            ctx.write(ProtocolControl.pingResponse(ProtocolControl.userControlValue(payload)));
        }
    }

    private void onCommand(ChannelHandlerContext ctx, RtmpMessage m, RtmpCommand c) {
        int streamId = m.streamId();
        switch (c.name()) {
            case "connect" -> onConnect(ctx, c);
            case "createStream" -> reply(ctx, RtmpCommand.of("_result", c.transaction(), null, (double) nextStreamId++), 0);
            case "releaseStream" -> reply(ctx, RtmpCommand.of("_result", c.transaction(), null, null), 0);
            case "FCPublish" -> {
                reply(ctx, RtmpCommand.of("_result", c.transaction(), null, null), 0);
                reply(ctx, RtmpCommand.of("onFCPublish", 0, null,
                        RtmpCommand.status("status", "NetStream.Publish.Start", c.stringArgument(1))), 0);
            }
            case "publish" -> onPublish(ctx, streamId, withoutQuery(c.stringArgument(1)));
            case "play" -> onPlay(ctx, streamId, c.stringArgument(1));
            case "getStreamLength" -> reply(ctx, RtmpCommand.of("_result", c.transaction(), null, 0.0), 0);
            case "FCUnpublish", "deleteStream", "closeStream" -> {
                boolean wasActive = publisher != null || playing != null;
                endPublish();
                endPlay();
                if (wasActive) {
                    // the connection stays but does nothing: it must publish or play again in time
                    idle.awaitStart(ctx);
                }
            }
            default -> log.debug("RTMP {}: ignoring command {}", ip(ctx), PeerText.escape(c.name()));
        }
    }

    private void onConnect(ChannelHandlerContext ctx, RtmpCommand c) {
        Map<String, Object> request = c.commandObject();
        String fullApp = request.get("app") instanceof String s ? s : "";
        app = withoutQuery(fullApp);
        appQuery = queryOf(fullApp);
        flashVer = text(request.get("flashVer"));
        pageUrl = text(request.get("pageUrl"));
        tcUrl = text(request.get("tcUrl"));
        while (app.endsWith("/")) {
            app = app.substring(0, app.length() - 1);
        }
        ctx.write(ProtocolControl.windowAcknowledgementSize(WINDOW));
        ctx.write(ProtocolControl.setPeerBandwidth(WINDOW, ProtocolControl.BANDWIDTH_DYNAMIC));
        ctx.write(ProtocolControl.setChunkSize(RtmpFanout.CHUNK_SIZE));
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("fmsVer", "FMS/3,0,1,123");
        properties.put("capabilities", 31.0);
        Map<String, Object> info = RtmpCommand.status("status", "NetConnection.Connect.Success", "Connection succeeded.");
        info.put("objectEncoding", request.get("objectEncoding") instanceof Double d ? d : 0.0);
        reply(ctx, RtmpCommand.of("_result", c.transaction(), properties, info), 0);
    }

    private void onPublish(ChannelHandlerContext ctx, int streamId, String name) {
        Optional<PublishSession> sink = publisher != null || name.isEmpty()
                ? Optional.empty() : hooks.publish(app, name, ip(ctx));
        if (sink.isEmpty()) {
            log.info("RTMP {}: publish of {}/{} refused (NetStream.Publish.BadName)", ip(ctx), PeerText.escape(app),
                    PeerText.escape(name));
            ctx.writeAndFlush(RtmpCommand.onStatus("error", "NetStream.Publish.BadName",
                            "No stream " + app + "/" + name + " accepts a publisher.").toMessage(streamId))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        publisher = sink.get();
        publishedName = app + "/" + name;
        demuxer = new FlvDemuxer(publisher);
        idle.awaitMedia(ctx);
        log.info("RTMP {}: publishing {}", ip(ctx), PeerText.escape(publishedName));
        ctx.write(ProtocolControl.streamBegin(streamId));
        reply(ctx, RtmpCommand.onStatus("status", "NetStream.Publish.Start", publishedName + " is now published."),
                streamId);
    }

    private void onPlay(ChannelHandlerContext ctx, int streamId, String fullName) {
        String name = withoutQuery(fullName);
        if (playing != null || playPending) {
            notFound(ctx, streamId, name);
            return;
        }
        String query = fullName.indexOf('?') >= 0 ? queryOf(fullName) : appQuery;
        playPending = true;
        hooks.play(new PlayerRequest(app, name, query, ip(ctx), flashVer, pageUrl, tcUrl, written::total))
                .whenComplete((answer, err) -> ctx.executor().execute(() -> {
                    playPending = false;
                    answered(ctx, streamId, name, err != null ? new PlayAnswer.Failed("internal error") : answer);
                }));
    }

    private void answered(ChannelHandlerContext ctx, int streamId, String name, PlayAnswer answer) {
        switch (answer) {
            case PlayAnswer.NotFound n -> notFound(ctx, streamId, name);
            case PlayAnswer.Failed f -> {
                log.info("RTMP {}: play of {}/{}: NetStream.Play.Failed: {}", ip(ctx), PeerText.escape(app),
                        PeerText.escape(name), PeerText.escape(f.reason()));
                ctx.writeAndFlush(RtmpCommand.onStatus("error", "NetStream.Play.Failed", f.reason())
                        .toMessage(streamId)).addListener(ChannelFutureListener.CLOSE);
            }
            case PlayAnswer.Play p -> {
                if (!ctx.channel().isActive()) {
                    p.viewer().ended();
                    return;
                }
                startPlay(ctx, streamId, name, p);
            }
        }
    }

    private void notFound(ChannelHandlerContext ctx, int streamId, String name) {
        log.info("RTMP {}: play of {}/{}: NetStream.Play.StreamNotFound", ip(ctx), PeerText.escape(app),
                PeerText.escape(name));
        ctx.writeAndFlush(RtmpCommand.onStatus("error", "NetStream.Play.StreamNotFound",
                "No stream " + app + "/" + name + ".").toMessage(streamId));
    }

    private void startPlay(ChannelHandlerContext ctx, int streamId, String name, PlayAnswer.Play play) {
        Optional<PlaybackFeed> feed = Optional.of(play.feed());
        ctx.write(ProtocolControl.streamBegin(streamId));
        ctx.write(RtmpCommand.onStatus("status", "NetStream.Play.Reset", "Playing and resetting " + name + ".")
                .toMessage(streamId));
        ctx.write(RtmpCommand.onStatus("status", "NetStream.Play.Start", "Started playing " + name + ".")
                .toMessage(streamId));
        ByteBuf access = Unpooled.buffer();
        new Amf0Writer(access).writeAll("|RtmpSampleAccess", true, true);
        ctx.writeAndFlush(new RtmpMessage(RtmpFanout.DATA_CSID, RtmpMessageType.DATA_AMF0, streamId, 0, access));
        log.info("RTMP {}: playing {}/{}", ip(ctx), PeerText.escape(app), PeerText.escape(name));
        playing = fanouts.join(feed.get(), ctx.channel());
        viewer = play.viewer();
        idle.playing();
        viewer.onCut(() -> {
            log.info("RTMP {}: playback of {}/{} cut", ip(ctx), PeerText.escape(app), PeerText.escape(name));
            ctx.channel().close();
        });
    }

    private void onData(RtmpCommand data) {
        if (demuxer == null) {
            return;
        }
        Object properties = "@setDataFrame".equals(data.name()) ? data.argument(1)
                : "onMetaData".equals(data.name()) ? data.argument(0) : null;
        if (properties instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> typed = (Map<String, Object>) map;
            demuxer.onMetaData(typed);
        }
    }

    private static void reply(ChannelHandlerContext ctx, RtmpCommand command, int streamId) {
        ctx.write(command.toMessage(streamId));
    }

    /** Replies go out once per read batch: a flush per reply costs a write attempt each. */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        ctx.flush();
        super.channelReadComplete(ctx);
    }

    private void endPublish() {
        if (publisher != null) {
            PublishSession ended = publisher;
            publisher = null;
            demuxer = null;
            log.info("RTMP: {} unpublished", PeerText.escape(publishedName));
            ended.onClose();
        }
    }

    private void endPlay() {
        if (playing != null) {
            fanouts.leave(playing);
            playing = null;
            PlayingViewer ended = viewer;
            viewer = PlayingViewer.NONE;
            ended.ended();
        }
    }

    /**
     * A peer that does not read what it is sent (replies to its pings and commands, or media)
     * must not make the server buffer without end: it is read from only while its outbound bytes
     * are under the high water mark. A player that lags is dropped by its fan-out, a silent
     * publisher by the media timeout.
     */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        ctx.channel().config().setAutoRead(ctx.channel().isWritable());
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        idle.cancel();
        endPublish();
        endPlay();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause.getCause() != null ? cause.getCause() : cause;
        log.info("RTMP {}: closing connection: {}", ip(ctx), root.toString());
        ctx.close();
    }

    static String queryOf(String name) {
        int q = name.indexOf('?');
        return q < 0 ? "" : name.substring(q + 1);
    }

    private static String text(Object o) {
        return o instanceof String s ? s : "";
    }

    static String withoutQuery(String name) {
        int q = name.indexOf('?');
        return q < 0 ? name : name.substring(0, q);
    }

    private static String ip(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a
                ? a.getAddress().getHostAddress() : String.valueOf(ctx.channel().remoteAddress());
    }
}
