package io.cascade.mpegts;

import io.cascade.media.MediaFormatException;

import java.util.Arrays;

/**
 * Cuts an arbitrarily split byte stream into 188-byte packets. Locks on a sync byte only when
 * the next packet also starts with one, so stray 0x47 bytes in garbage do not cause false locks.
 */
final class TsPacketReader {
    /** Garbage tolerated before the input is declared not to be a transport stream. */
    static final int MAX_UNSYNCED_BYTES = 1 << 20;

    interface PacketSink {
        void packet(byte[] b, int off);
    }

    private final PacketSink sink;
    private byte[] pending = new byte[0];
    private boolean locked;
    private long unsynced;

    TsPacketReader(PacketSink sink) {
        this.sink = sink;
    }

    void feed(byte[] b, int off, int len) throws TsFormatException {
        byte[] data = b;
        int pos = off;
        int end = off + len;
        if (pending.length > 0) {
            data = new byte[pending.length + len];
            System.arraycopy(pending, 0, data, 0, pending.length);
            System.arraycopy(b, off, data, pending.length, len);
            pos = 0;
            end = data.length;
        }
        while (end - pos >= TsPacket.SIZE) {
            if ((data[pos] & 0xff) == TsPacket.SYNC) {
                if (locked || (end - pos > TsPacket.SIZE && (data[pos + TsPacket.SIZE] & 0xff) == TsPacket.SYNC)) {
                    locked = true;
                    unsynced = 0;
                    sink.packet(data, pos);
                    pos += TsPacket.SIZE;
                    continue;
                }
                if (end - pos == TsPacket.SIZE) {
                    break; // cannot confirm the lock before more bytes arrive
                }
            }
            locked = false;
            unsynced++;
            pos++;
        }
        pending = Arrays.copyOfRange(data, pos, end);
        if (unsynced > MAX_UNSYNCED_BYTES) {
            unsynced = 0;
            throw new TsFormatException("no MPEG-TS packet sync in " + MAX_UNSYNCED_BYTES + " bytes: not a transport stream",
                    MediaFormatException.UNKNOWN_OFFSET, "a 0x47 sync byte every 188 bytes");
        }
    }

    /** Delivers a last packet that could not be confirmed by a following one. */
    void end() {
        if (pending.length == TsPacket.SIZE && (pending[0] & 0xff) == TsPacket.SYNC) {
            sink.packet(pending, 0);
        }
        pending = new byte[0];
    }
}
