package io.cascade.mpegts;

import io.cascade.codec.CodecFormatException;
import io.cascade.media.Frame;
import io.cascade.media.Track;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Push-based MPEG-TS demuxer for one program of a stream (the first, or the one asked for by
 * number): H.264, H.265 and AAC (ADTS)
 * elementary streams become {@link Track}s (ids 1, 2, … in PMT order) and {@link Frame}s.
 *
 * <p>Tracks are announced once every stream's config is known; frames of ready streams wait
 * until then (bounded: after {@link #MAX_WAITING_FRAMES} frames or {@link #MAX_WAITING_TICKS} of
 * media the ready tracks are announced alone, and a late stream triggers another {@code onTracks}).
 * A changed config (new SPS, other audio format) is announced with {@code onTracks} too. Video frames are delivered one frame late, because
 * their duration is the distance to the next frame's DTS.
 *
 * <p>A continuity counter that skips (packets lost on the way, as over UDP) is counted in
 * {@link #continuityErrors()}; the PES it broke is dropped, and a video stream then waits for
 * its next keyframe, so no frame that would decode to garbage goes out.
 *
 * <p>Corrupt input is dropped at the smallest unit possible (packet, PES, access unit); feed
 * throws only {@link TsFormatException}, when no packet sync is found for a long stretch. Not
 * thread-safe: feed one stream from one thread.
 */
public final class TsDemuxer {
    /** Frames buffered while waiting for all tracks' configs. */
    static final int MAX_WAITING_FRAMES = 1000;
    /** Longest stretch of media (5 s) buffered while waiting for all tracks' configs. */
    static final long MAX_WAITING_TICKS = 5 * 90_000;

    /** Receives the demuxed stream. */
    public interface Listener {
        /** The complete current track list; called first and again when any track changes. */
        void onTracks(List<Track> tracks);

        /** A frame of one of the announced tracks, in stream order per track. */
        void onFrame(Frame frame);
    }

    /** Any program: the first one the PAT lists. */
    public static final int FIRST_PROGRAM = -1;

    private final Listener listener;
    private final int program;
    private long continuityErrors;
    private long packets;
    private Set<Integer> programs = Set.of();
    private final TsPacketReader reader = new TsPacketReader(this::packet);
    private final int[] lastContinuity = new int[8192];
    private final SectionAssembler patSections = new SectionAssembler(this::pat);
    private final TimestampUnwrapper clock = new TimestampUnwrapper();
    private SectionAssembler pmtSections;
    private int pmtPid = -1;
    private List<ProgramTables.Stream> programStreams = List.of();
    private final List<StreamSlot> streams = new ArrayList<>();
    private final ArrayDeque<Frame> waiting = new ArrayDeque<>();
    private List<Track> announced;
    private boolean ended;

    /** An elementary stream with its PID and reassembly state. */
    private record StreamSlot(int pid, PesAssembler assembler, ElementaryStream stream) {
    }

    public TsDemuxer(Listener listener) {
        this(listener, FIRST_PROGRAM);
    }

    /** @param program the program_number to demux, or {@link #FIRST_PROGRAM} */
    public TsDemuxer(Listener listener, int program) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.program = program;
        Arrays.fill(lastContinuity, -1);
    }

    /** Packets of the PAT, the PMT and the demuxed streams found missing so far (continuity counter skips). */
    public long continuityErrors() {
        return continuityErrors;
    }

    /** The program numbers the latest PAT lists, so a caller can say which exist when its own is missing. */
    public Set<Integer> programs() {
        return programs;
    }

    /**
     * Pushes the next bytes of the stream; any split is fine.
     *
     * @throws TsFormatException when more than 1 MiB passes without a packet sync
     */
    public void feed(byte[] b, int off, int len) throws TsFormatException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (ended) {
            throw new IllegalStateException("feed after end()");
        }
        reader.feed(b, off, len);
    }

    public void feed(byte[] b) throws TsFormatException {
        feed(b, 0, b.length);
    }

    /** Ends the stream: completes open PES packets and delivers every frame still held. */
    public void end() {
        if (ended) {
            return;
        }
        reader.end();
        ended = true;
        for (StreamSlot slot : streams) {
            slot.assembler.finish();
            slot.stream.flush();
        }
        if (announced == null && !readyTracks().isEmpty()) {
            announce();
        }
    }

    /** Packets found in sync so far: what of the bytes fed was a transport stream at all. */
    public long packets() {
        return packets;
    }

    private void packet(byte[] b, int off) {
        packets++;
        TsPacket p = TsPacket.parse(b, off);
        if (p == null || !p.hasPayload() || p.pid() == TsPacket.PID_NULL) {
            return;
        }
        int previous = lastContinuity[p.pid()];
        if (previous == p.continuity() && !p.discontinuity()) {
            return; // a duplicate packet, allowed once by the standard
        }
        lastContinuity[p.pid()] = p.continuity();
        boolean lost = previous >= 0 && p.continuity() != ((previous + 1) & 15) && !p.discontinuity();
        int start = off + p.payloadOffset();
        int end = off + TsPacket.SIZE;
        if (p.pid() == TsPacket.PID_PAT) {
            continuityErrors += lost ? 1 : 0;
            sections(patSections, lost, b, start, end, p.unitStart());
        } else if (p.pid() == pmtPid) {
            continuityErrors += lost ? 1 : 0;
            sections(pmtSections, lost, b, start, end, p.unitStart());
        } else {
            for (StreamSlot slot : streams) {
                if (slot.pid == p.pid()) {
                    if (lost) {
                        continuityErrors++;
                        slot.assembler.discard(); // a PES with a hole would decode to garbage
                        slot.stream.lost(); // and so would the frames that refer to it
                    }
                    slot.assembler.payload(b, start, end, p.unitStart());
                }
            }
        }
    }

    private static void sections(SectionAssembler sections, boolean lost, byte[] b, int start, int end, boolean unitStart) {
        if (lost) {
            sections.reset();
        }
        sections.payload(b, start, end, unitStart);
    }

    private void pat(byte[] section) {
        programs = ProgramTables.programNumbers(section);
        int pid = ProgramTables.pmtPid(section, program);
        if (pid >= 0 && pid != pmtPid && pid != TsPacket.PID_PAT && pid != TsPacket.PID_NULL) {
            pmtPid = pid;
            pmtSections = new SectionAssembler(this::pmt);
        }
    }

    private void pmt(byte[] section) {
        List<ProgramTables.Stream> listed = ProgramTables.streams(section);
        if (listed == null) {
            return;
        }
        List<ProgramTables.Stream> supported = listed.stream()
                .filter(s -> StreamType.fromValue(s.streamType()) != null && s.pid() != pmtPid && s.pid() > 0)
                .toList();
        if (supported.equals(programStreams)) {
            return;
        }
        for (StreamSlot slot : streams) { // a new program layout: finish the old one first
            slot.assembler.finish();
            slot.stream.flush();
        }
        streams.clear();
        programStreams = supported;
        announced = null;
        int id = 1;
        for (ProgramTables.Stream s : supported) {
            streams.add(slot(s, id++));
        }
    }

    private StreamSlot slot(ProgramTables.Stream s, int trackId) {
        StreamType type = StreamType.fromValue(s.streamType());
        ElementaryStream.Output output = new ElementaryStream.Output() {
            @Override
            public void frame(Frame frame) {
                deliver(frame);
            }

            @Override
            public void trackChanged() {
                tracksChanged();
            }
        };
        ElementaryStream stream = type == StreamType.AAC_ADTS
                ? new AudioStream(trackId, output)
                : new VideoStream(trackId, type.codec, output);
        PesAssembler assembler = new PesAssembler(pes -> pes(stream, pes));
        return new StreamSlot(s.pid(), assembler, stream);
    }

    private void pes(ElementaryStream stream, Pes pes) {
        long pts = pes.pts() >= 0 ? clock.unwrap(pes.pts()) : -1;
        long dts = pes.dts() >= 0 ? clock.unwrap(pes.dts()) : -1;
        try {
            stream.pes(pts, dts, pes.payload());
        } catch (CodecFormatException e) {
            // a corrupt access unit or parameter set: drop this PES, keep the stream
        }
    }

    private void deliver(Frame frame) {
        if (announced != null) {
            listener.onFrame(frame);
            return;
        }
        waiting.add(frame);
        if (waiting.size() >= MAX_WAITING_FRAMES || frame.dts() - waiting.peek().dts() >= MAX_WAITING_TICKS) {
            announce(); // some stream never delivers a config: go on without it
        }
    }

    private void tracksChanged() {
        if (announced != null) {
            List<Track> tracks = readyTracks();
            if (!tracks.equals(announced)) {
                announced = tracks;
                listener.onTracks(tracks);
            }
        } else if (streams.stream().allMatch(s -> s.stream.track() != null)) {
            announce();
        }
    }

    private void announce() {
        announced = readyTracks();
        listener.onTracks(announced);
        while (!waiting.isEmpty()) {
            listener.onFrame(waiting.poll());
        }
    }

    private List<Track> readyTracks() {
        return streams.stream().map(s -> s.stream.track()).filter(Objects::nonNull).toList();
    }
}
