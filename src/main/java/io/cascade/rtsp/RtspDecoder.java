package io.cascade.rtsp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Decodes an RTSP byte stream (RFC 2326 15) into {@link RtspRequest}s, {@link RtspResponse}s
 * and {@link InterleavedFrame}s, so the same decoder serves a server and a client.
 *
 * <p>Every size is bounded by {@link RtspLimits} before it is buffered. Bytes that cannot be a
 * message produce one {@link RtspDecodeError} with the status to answer — 400 for garbage, 414 for
 * a start line without end, 431 for too many or too large header fields, 413 for a body over the
 * limit, 505 for another version — and everything after it on that connection is discarded.
 */
public final class RtspDecoder extends ByteToMessageDecoder {
    private static final int MAX_START_LINE = 4096;

    private final RtspLimits limits;
    private boolean failed;

    public RtspDecoder(RtspLimits limits) {
        this.limits = limits;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.isReadable() && (in.getByte(in.readerIndex()) == '\r' || in.getByte(in.readerIndex()) == '\n')) {
            in.skipBytes(1); // empty lines between messages are allowed
        }
        if (!in.isReadable()) {
            return;
        }
        Object message = in.getByte(in.readerIndex()) == '$' ? interleaved(in) : message(in);
        if (message instanceof RtspDecodeError) {
            failed = true;
            in.skipBytes(in.readableBytes());
        }
        if (message != null) {
            out.add(message);
        }
    }

    private static Object interleaved(ByteBuf in) {
        if (in.readableBytes() < 4) {
            return null;
        }
        int start = in.readerIndex();
        int length = in.getUnsignedShort(start + 2);
        if (in.readableBytes() < 4 + length) {
            return null;
        }
        int channel = in.getUnsignedByte(start + 1);
        in.skipBytes(4);
        return new InterleavedFrame(channel, in.readRetainedSlice(length));
    }

    private Object message(ByteBuf in) {
        int start = in.readerIndex();
        int scan = Math.min(in.readableBytes(), limits.maxHeaderBytes() + 4);
        int lineEnd = in.indexOf(start, start + Math.min(scan, MAX_START_LINE), (byte) '\n');
        if (lineEnd < 0) {
            if (in.readableBytes() >= MAX_START_LINE) {
                return text(in, start, MAX_START_LINE) ? new RtspDecodeError(RtspStatus.REQUEST_URI_TOO_LARGE,
                        "start line longer than " + MAX_START_LINE + " bytes")
                        : new RtspDecodeError(RtspStatus.BAD_REQUEST, "not RTSP");
            }
            return text(in, start, in.readableBytes()) ? null : new RtspDecodeError(RtspStatus.BAD_REQUEST, "not RTSP");
        }
        String startLine = line(in, start, lineEnd);
        String[] parts = startLine == null ? new String[0] : startLine.split(" ", 3);
        if (parts.length != 3) {
            return new RtspDecodeError(RtspStatus.BAD_REQUEST, "malformed start line");
        }
        boolean response = parts[0].startsWith("RTSP/");
        if (!response && (!token(parts[0]) || !parts[2].startsWith("RTSP/") || parts[1].isEmpty())) {
            return new RtspDecodeError(RtspStatus.BAD_REQUEST, "malformed request line");
        }
        String version = response ? parts[0] : parts[2];
        if (!RtspVersion.supported(version)) {
            return new RtspDecodeError(RtspStatus.VERSION_NOT_SUPPORTED, "version " + version);
        }
        RtspHeaders headers = new RtspHeaders();
        int at = lineEnd + 1;
        int limit = start + scan;
        while (true) {
            int end = in.indexOf(at, limit, (byte) '\n');
            if (end < 0) {
                return in.readableBytes() > limits.maxHeaderBytes()
                        ? new RtspDecodeError(RtspStatus.HEADER_FIELDS_TOO_LARGE,
                        "header larger than " + limits.maxHeaderBytes() + " bytes")
                        : null;
            }
            String field = line(in, at, end);
            at = end + 1;
            if (field == null) {
                return new RtspDecodeError(RtspStatus.BAD_REQUEST, "header field is not text");
            }
            if (field.isEmpty()) {
                break;
            }
            int colon = field.indexOf(':');
            if (colon <= 0 || !token(field.substring(0, colon))) {
                return new RtspDecodeError(RtspStatus.BAD_REQUEST, "malformed header field");
            }
            if (headers.size() == limits.maxHeaders()) {
                return new RtspDecodeError(RtspStatus.HEADER_FIELDS_TOO_LARGE, "more than " + limits.maxHeaders()
                        + " header fields");
            }
            headers.add(field.substring(0, colon), field.substring(colon + 1).trim());
        }
        long bodyBytes = contentLength(headers);
        if (bodyBytes < 0) {
            return new RtspDecodeError(RtspStatus.BAD_REQUEST, "malformed Content-Length");
        }
        if (bodyBytes > limits.maxBodyBytes()) {
            return new RtspDecodeError(RtspStatus.REQUEST_ENTITY_TOO_LARGE, "body larger than " + limits.maxBodyBytes());
        }
        if (in.writerIndex() - at < bodyBytes) {
            return null;
        }
        byte[] body = new byte[(int) bodyBytes];
        in.getBytes(at, body);
        in.readerIndex(at + (int) bodyBytes);
        if (response) {
            if (parts[1].length() != 3 || !parts[1].chars().allMatch(Character::isDigit)) {
                return new RtspDecodeError(RtspStatus.BAD_REQUEST, "malformed status line");
            }
            return new RtspResponse(version, Integer.parseInt(parts[1]), parts[2], headers, body);
        }
        return new RtspRequest(parts[0], parts[1], version, headers, body);
    }

    private static long contentLength(RtspHeaders headers) {
        String v = headers.get("Content-Length").orElse("0").trim();
        if (v.isEmpty() || v.length() > 9 || !v.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Long.parseLong(v);
    }

    /** The line from {@code from} to the LF at {@code lf}, CR dropped; null when it holds control bytes or is not UTF-8. */
    private static String line(ByteBuf in, int from, int lf) {
        int end = lf > from && in.getByte(lf - 1) == '\r' ? lf - 1 : lf;
        for (int i = from; i < end; i++) {
            byte b = in.getByte(i);
            if ((b >= 0 && b < 0x20 && b != '\t') || b == 0x7f) {
                return null;
            }
        }
        return in.toString(from, end - from, StandardCharsets.UTF_8);
    }

    private static boolean text(ByteBuf in, int from, int length) {
        for (int i = from; i < from + length; i++) {
            byte b = in.getByte(i);
            if ((b >= 0 && b < 0x20 && b != '\t' && b != '\r' && b != '\n') || b == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** An RFC 2616 token: what method and header names are made of. */
    private static boolean token(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }
}
