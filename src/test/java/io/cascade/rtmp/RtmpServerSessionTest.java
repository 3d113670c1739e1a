package io.cascade.rtmp;

import io.cascade.amf.Amf0Writer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The command dialogue, message by message, without sockets. */
class RtmpServerSessionTest {
    private final CollectingHooks hooks = new CollectingHooks("live/ok");
    private final AcknowledgementHandler acks = new AcknowledgementHandler();
    private final EmbeddedChannel channel = new EmbeddedChannel(acks,
            new RtmpServerSession(hooks, new RtmpFanouts(RtmpLimits.DEFAULT), acks, RtmpLimits.DEFAULT));

    private List<RtmpMessage> send(RtmpMessage m) {
        channel.writeInbound(m);
        List<RtmpMessage> out = new ArrayList<>();
        Object o;
        while ((o = channel.readOutbound()) != null) {
            out.add((RtmpMessage) o);
        }
        return out;
    }

    private List<RtmpMessage> command(int streamId, String name, double txn, Object... args) {
        return send(RtmpCommand.of(name, txn, args).toMessage(streamId));
    }

    private static RtmpCommand asCommand(RtmpMessage m) throws RtmpProtocolException {
        return RtmpCommand.readCommand(m);
    }

    @SuppressWarnings("unchecked")
    private static String code(RtmpMessage m) throws RtmpProtocolException {
        return (String) ((Map<String, Object>) asCommand(m).argument(1)).get("code");
    }

    private void connect(String app) {
        command(0, "connect", 1, Map.of("app", app, "tcUrl", "rtmp://h/" + app));
    }

    @Test
    void connectSetsUpTheConnectionAndSucceeds() throws Exception {
        List<RtmpMessage> out = command(0, "connect", 1, Map.of("app", "live", "objectEncoding", 0.0));
        assertThat(out).extracting(RtmpMessage::typeId).containsExactly(RtmpMessageType.WINDOW_ACK_SIZE,
                RtmpMessageType.SET_PEER_BANDWIDTH, RtmpMessageType.SET_CHUNK_SIZE, RtmpMessageType.COMMAND_AMF0);
        assertThat(ProtocolControl.intValue(out.get(2).payload())).isEqualTo(RtmpFanout.CHUNK_SIZE);
        RtmpCommand result = asCommand(out.get(3));
        assertThat(result.name()).isEqualTo("_result");
        assertThat(result.transaction()).isEqualTo(1.0);
        assertThat(code(out.get(3))).isEqualTo("NetConnection.Connect.Success");
    }

    @Test
    void createStreamReturnsRisingStreamIds() throws Exception {
        connect("live");
        assertThat(asCommand(command(0, "createStream", 2, (Object) null).get(0)).argument(1)).isEqualTo(1.0);
        assertThat(asCommand(command(0, "createStream", 3, (Object) null).get(0)).argument(1)).isEqualTo(2.0);
    }

    @Test
    void refusedPublishGetsBadNameAndIsClosed() throws Exception {
        connect("live");
        List<RtmpMessage> out = command(1, "publish", 0, null, "nope", "live");
        assertThat(out).hasSize(1);
        assertThat(out.get(0).streamId()).isEqualTo(1);
        assertThat(code(out.get(0))).isEqualTo("NetStream.Publish.BadName");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void acceptedPublishStartsAndMetadataSizesTheTrack() throws Exception {
        connect("live?secret=1");
        command(0, "FCPublish", 3, null, "ok");
        List<RtmpMessage> out = command(1, "publish", 0, null, "ok?key=x", "live");
        assertThat(hooks.publishRequests).containsExactly("live/ok");
        assertThat(out).extracting(RtmpMessage::typeId).containsExactly(RtmpMessageType.USER_CONTROL, RtmpMessageType.COMMAND_AMF0);
        assertThat(code(out.get(1))).isEqualTo("NetStream.Publish.Start");

        ByteBuf meta = Unpooled.buffer();
        new Amf0Writer(meta).write("@setDataFrame").write("onMetaData").writeEcmaArray(Map.of("width", 640.0, "height", 360.0));
        send(new RtmpMessage(4, RtmpMessageType.DATA_AMF0, 1, 0, meta));
        send(new RtmpMessage(6, RtmpMessageType.VIDEO, 1, 0, Unpooled.wrappedBuffer(new byte[]{0x17, 0, 0, 0, 0, 1, 0x4d, 0x40, 0x1f, (byte) 0xff, (byte) 0xe1, 0, 2, 0x67, 0x4d, 1, 0, 1, 0x68})));
        send(new RtmpMessage(6, RtmpMessageType.VIDEO, 1, 40, Unpooled.wrappedBuffer(new byte[]{0x17, 1, 0, 0, 0, 0, 0, 0, 1, 0x65})));
        assertThat(hooks.trackAnnouncements.get(0).get(0).width()).isEqualTo(640);
        assertThat(hooks.frames).hasSize(1);

        command(1, "FCUnpublish", 4, null, "ok");
        assertThat(hooks.closed.getCount()).isZero();
    }

    @Test
    void unknownPlayGetsStreamNotFound() throws Exception {
        connect("live");
        List<RtmpMessage> out = command(1, "play", 0, null, "missing");
        assertThat(code(out.get(0))).isEqualTo("NetStream.Play.StreamNotFound");
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void playSendsStreamBeginResetStartAndSampleAccess() throws Exception {
        hooks.feeds.put("live/cam", hooks.relay);
        connect("live");
        List<RtmpMessage> out = command(1, "play", 0, null, "cam");
        assertThat(out).extracting(RtmpMessage::typeId).containsExactly(RtmpMessageType.USER_CONTROL,
                RtmpMessageType.COMMAND_AMF0, RtmpMessageType.COMMAND_AMF0, RtmpMessageType.DATA_AMF0);
        assertThat(ProtocolControl.userControlEvent(out.get(0).payload())).isEqualTo(ProtocolControl.STREAM_BEGIN);
        assertThat(code(out.get(1))).isEqualTo("NetStream.Play.Reset");
        assertThat(code(out.get(2))).isEqualTo("NetStream.Play.Start");
        assertThat(RtmpCommand.readData(out.get(3)).name()).isEqualTo("|RtmpSampleAccess");
        assertThat(hooks.relay.subscribers).hasSize(1);
        command(1, "deleteStream", 5, null, 1.0);
        assertThat(hooks.relay.subscribers).isEmpty();
    }

    @Test
    void pingRequestIsAnswered() {
        ByteBuf ping = Unpooled.buffer().writeShort(ProtocolControl.PING_REQUEST).writeInt(12345);
        List<RtmpMessage> out = send(new RtmpMessage(2, RtmpMessageType.USER_CONTROL, 0, 0, ping));
        assertThat(ProtocolControl.userControlEvent(out.get(0).payload())).isEqualTo(ProtocolControl.PING_RESPONSE);
        assertThat(ProtocolControl.userControlValue(out.get(0).payload())).isEqualTo(12345);
    }

    @Test
    void acknowledgementSentWhenTheWindowIsCrossed() {
        send(new RtmpMessage(2, RtmpMessageType.WINDOW_ACK_SIZE, 0, 0, Unpooled.buffer().writeInt(1000)));
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[600]));
        assertThat((Object) channel.readOutbound()).isNull();
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[600]));
        RtmpMessage ack = channel.readOutbound();
        assertThat(ack.typeId()).isEqualTo(RtmpMessageType.ACKNOWLEDGEMENT);
        assertThat(ProtocolControl.intValue(ack.payload())).isEqualTo(1200);
    }

    @Test
    void repliesToABatchOfRequestsAreFlushedOnce() {
        int[] flushes = {0};
        EmbeddedChannel counted = new EmbeddedChannel(new io.netty.channel.ChannelOutboundHandlerAdapter() {
            @Override
            public void flush(io.netty.channel.ChannelHandlerContext ctx) {
                flushes[0]++;
                ctx.flush();
            }
        }, new RtmpServerSession(hooks, new RtmpFanouts(RtmpLimits.DEFAULT), acks, RtmpLimits.DEFAULT));
        Object[] pings = new Object[100];
        for (int i = 0; i < pings.length; i++) {
            pings[i] = new RtmpMessage(2, RtmpMessageType.USER_CONTROL, 0, 0,
                    Unpooled.buffer().writeShort(ProtocolControl.PING_REQUEST).writeInt(i));
        }
        counted.writeInbound(pings);
        int answers = 0;
        while (counted.readOutbound() != null) {
            answers++;
        }
        assertThat(answers).isEqualTo(100);
        assertThat(flushes[0]).as("flushes for one read batch").isEqualTo(1);
        counted.finishAndReleaseAll();
    }

    @Test
    void aPeerIsNotReadFromWhileItsRepliesCannotBeSent() {
        assertThat(channel.config().isAutoRead()).isTrue();
        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        channel.runPendingTasks();
        assertThat(channel.config().isAutoRead()).as("reading while the peer reads nothing").isFalse();
        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        channel.runPendingTasks();
        assertThat(channel.config().isAutoRead()).isTrue();
    }
}
