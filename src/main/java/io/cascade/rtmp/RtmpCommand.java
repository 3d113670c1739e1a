package io.cascade.rtmp;

import io.cascade.amf.Amf0Exception;
import io.cascade.amf.Amf0Reader;
import io.cascade.amf.Amf0Writer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An AMF0 command or data message (RTMP specification, section 7.1): a name, for commands a
 * transaction id, then any values. Data messages ({@code @setDataFrame}, {@code onMetaData})
 * have no transaction id, so {@link #arguments()} holds all values after the name.
 *
 * @param name        the command name
 * @param transaction the transaction id (0 for data messages and for commands without reply)
 * @param arguments   the values after the transaction id (for commands the command object first)
 */
public record RtmpCommand(String name, double transaction, List<Object> arguments) {
    /** Command replies travel on chunk stream 3, as every server does. */
    public static final int COMMAND_CSID = 3;

    public RtmpCommand {
        arguments = java.util.Collections.unmodifiableList(new ArrayList<>(arguments));
    }

    public static RtmpCommand of(String name, double transaction, Object... arguments) {
        return new RtmpCommand(name, transaction, Arrays.asList(arguments));
    }

    /** Reads a command message; AMF3 command messages (type 17) start with a format byte that is skipped. */
    public static RtmpCommand readCommand(RtmpMessage m) throws RtmpProtocolException {
        List<Object> values = readValues(m);
        if (values.isEmpty() || !(values.get(0) instanceof String name)) {
            throw new RtmpProtocolException("command message without a name");
        }
        double transaction = values.size() > 1 && values.get(1) instanceof Double d ? d : 0;
        return new RtmpCommand(name, transaction, values.subList(Math.min(2, values.size()), values.size()));
    }

    /** Reads a data message: its name and the values after it. */
    public static RtmpCommand readData(RtmpMessage m) throws RtmpProtocolException {
        List<Object> values = readValues(m);
        if (values.isEmpty() || !(values.get(0) instanceof String name)) {
            throw new RtmpProtocolException("data message without a name");
        }
        return new RtmpCommand(name, 0, values.subList(1, values.size()));
    }

    private static List<Object> readValues(RtmpMessage m) throws RtmpProtocolException {
        ByteBuf body = m.payload().duplicate();
        boolean amf3Envelope = m.typeId() == RtmpMessageType.COMMAND_AMF3 || m.typeId() == RtmpMessageType.DATA_AMF3;
        if (amf3Envelope && body.isReadable() && body.getByte(body.readerIndex()) == 0) {
            body.skipBytes(1);
        }
        try {
            return new Amf0Reader(body).readAll();
        } catch (Amf0Exception e) {
            throw new RtmpProtocolException("bad AMF0 in message type " + m.typeId() + ": " + e.getMessage(), e);
        }
    }

    /** The argument at {@code index}, or null when absent. */
    public Object argument(int index) {
        return index < arguments.size() ? arguments.get(index) : null;
    }

    /** The argument at {@code index} if it is a string, else "". */
    public String stringArgument(int index) {
        return argument(index) instanceof String s ? s : "";
    }

    /** The command object (first argument) as a map, empty when it is null or not an object. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> commandObject() {
        return argument(0) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** This command as an AMF0 command message. */
    public RtmpMessage toMessage(int streamId) {
        ByteBuf body = Unpooled.buffer();
        Amf0Writer w = new Amf0Writer(body).write(name).write(transaction);
        arguments.forEach(w::write);
        return new RtmpMessage(COMMAND_CSID, RtmpMessageType.COMMAND_AMF0, streamId, 0, body);
    }

    /** An {@code onStatus} command carrying a status object. */
    public static RtmpCommand onStatus(String level, String code, String description) {
        return of("onStatus", 0, null, status(level, code, description));
    }

    public static Map<String, Object> status(String level, String code, String description) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("level", level);
        info.put("code", code);
        info.put("description", description);
        return info;
    }
}
