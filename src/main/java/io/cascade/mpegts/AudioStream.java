package io.cascade.mpegts;

import io.cascade.codec.AdtsHeader;
import io.cascade.codec.AudioSpecificConfig;
import io.cascade.codec.CodecFormatException;
import io.cascade.codec.TrackInfo;
import io.cascade.media.Frame;
import io.cascade.media.Timebase;
import io.cascade.media.Track;

import java.util.Arrays;

/**
 * An AAC stream in ADTS framing: one frame per ADTS frame. A PES timestamp applies to the first
 * ADTS frame that starts in that PES; later ones are 1024 samples apart. ADTS frames split across
 * PES packets are joined.
 */
final class AudioStream implements ElementaryStream {
    private static final int SAMPLES_PER_FRAME = 1024;
    /** Largest ADTS frame (13-bit length): more carried over is not ADTS. */
    private static final int MAX_CARRY = 0x1fff;
    /** Channel configuration 0 without its program config element leaves the layout open: stereo. */
    private static final int ADTS_DEFAULT_CHANNELS = 2;

    private final int trackId;
    private final Output output;
    private byte[] carry = new byte[0];
    private AudioSpecificConfig config;
    private AdtsHeader configuredBy;
    private Track track;
    private long anchor = -1;
    private long framesSinceAnchor;

    AudioStream(int trackId, Output output) {
        this.trackId = trackId;
        this.output = output;
    }

    @Override
    public Track track() {
        return track;
    }

    @Override
    public void pes(long pts, long dts, byte[] payload) throws CodecFormatException {
        byte[] data = carry.length == 0 ? payload : concat(carry, payload);
        int carried = carry.length;
        boolean anchorPending = pts >= 0;
        int pos = 0;
        while (data.length - pos >= AdtsHeader.MIN_LENGTH) {
            if (!AdtsHeader.startsAt(data, pos, data.length - pos)) {
                pos++; // lost ADTS sync: search for the next sync word
                continue;
            }
            AdtsHeader header;
            try {
                header = AdtsHeader.parse(data, pos, data.length - pos);
            } catch (CodecFormatException e) {
                pos++;
                continue;
            }
            if (header.frameLength() > data.length - pos) {
                break;
            }
            if (anchorPending && pos >= carried) {
                anchor = pts;
                framesSinceAnchor = 0;
                anchorPending = false;
            }
            frame(header, data, pos);
            pos += header.frameLength();
        }
        carry = data.length - pos > MAX_CARRY ? new byte[0] : Arrays.copyOfRange(data, pos, data.length);
    }

    private void frame(AdtsHeader header, byte[] data, int pos) throws CodecFormatException {
        int start = pos + header.headerLength();
        byte[] raw = Arrays.copyOfRange(data, start, pos + header.frameLength());
        if (!sameFormat(header, configuredBy)) {
            // the first frame of a format completes its config (PCE, implicit SBR); later ones keep it
            AudioSpecificConfig asc = AudioSpecificConfig.fromAdts(header, raw);
            configuredBy = header;
            if (!asc.equals(config)) {
                config = asc;
                track = TrackInfo.audioTrack(trackId, asc.toBytes(), ADTS_DEFAULT_CHANNELS);
                output.trackChanged();
            }
        }
        if (anchor < 0 || header.rawDataBlocks() != 1) {
            return; // no timestamp yet; several raw blocks per ADTS frame are not supported
        }
        int rate = config.coreSampleRate(); // 1024 samples of the core: 2048 at the SBR rate
        long time = anchor + Timebase.rescale(framesSinceAnchor * SAMPLES_PER_FRAME, rate, Timebase.HZ);
        framesSinceAnchor++;
        output.frame(new Frame(trackId, time, time, SAMPLES_PER_FRAME * Timebase.HZ / rate, true, raw));
    }

    @Override
    public void flush() {
        carry = new byte[0];
    }

    private static boolean sameFormat(AdtsHeader a, AdtsHeader b) {
        return b != null && a.profile() == b.profile() && a.sampleRateIndex() == b.sampleRateIndex()
                && a.channelConfig() == b.channelConfig();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
