package io.cascade.mpegts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Reading and writing the program association and program map tables (ISO/IEC 13818-1 2.4.4.3, 2.4.4.8). */
final class ProgramTables {
    static final int TABLE_PAT = 0x00;
    static final int TABLE_PMT = 0x02;

    /** One elementary stream listed in a PMT. */
    record Stream(int pid, int streamType) {
    }

    private ProgramTables() {
    }

    /** PID of the first program's PMT in a CRC-checked PAT section, or -1. */
    static int pmtPid(byte[] section) {
        return pmtPid(section, -1);
    }

    /** PID of program {@code wanted}'s PMT (the first program's when negative) in a CRC-checked PAT section, or -1. */
    static int pmtPid(byte[] section, int wanted) {
        if ((section[0] & 0xff) != TABLE_PAT) {
            return -1;
        }
        for (int pos = 8; pos + 4 <= section.length - 4; pos += 4) {
            int program = ((section[pos] & 0xff) << 8) | (section[pos + 1] & 0xff);
            // program 0 points at the network information table
            if (program != 0 && (wanted < 0 || program == wanted)) {
                return ((section[pos + 2] & 0x1f) << 8) | (section[pos + 3] & 0xff);
            }
        }
        return -1;
    }

    /** The program numbers (NIT entry left out) a CRC-checked PAT section lists. */
    static Set<Integer> programNumbers(byte[] section) {
        Set<Integer> numbers = new TreeSet<>();
        if ((section[0] & 0xff) != TABLE_PAT) {
            return numbers;
        }
        for (int pos = 8; pos + 4 <= section.length - 4; pos += 4) {
            int program = ((section[pos] & 0xff) << 8) | (section[pos + 1] & 0xff);
            if (program != 0) {
                numbers.add(program);
            }
        }
        return Collections.unmodifiableSet(numbers);
    }

    /** The streams of a CRC-checked PMT section in listed order, or null when it is not a current PMT. */
    static List<Stream> streams(byte[] section) {
        if ((section[0] & 0xff) != TABLE_PMT || (section[5] & 1) == 0) {
            return null;
        }
        int end = section.length - 4;
        int programInfoLength = ((section[10] & 0x0f) << 8) | (section[11] & 0xff);
        List<Stream> streams = new ArrayList<>();
        for (int pos = 12 + programInfoLength; pos + 5 <= end; ) {
            int type = section[pos] & 0xff;
            int pid = ((section[pos + 1] & 0x1f) << 8) | (section[pos + 2] & 0xff);
            int infoLength = ((section[pos + 3] & 0x0f) << 8) | (section[pos + 4] & 0xff);
            streams.add(new Stream(pid, type));
            pos += 5 + infoLength;
        }
        return streams;
    }

    /** A PAT section for one program. */
    static byte[] pat(int programNumber, int pmtPid) {
        byte[] body = {
                (byte) (programNumber >> 8), (byte) programNumber,
                (byte) (0xe0 | (pmtPid >> 8)), (byte) pmtPid,
        };
        return section(TABLE_PAT, 1, body); // transport_stream_id 1
    }

    /** A PMT section listing {@code streams} in order. */
    static byte[] pmt(int programNumber, int pcrPid, List<Stream> streams) {
        byte[] body = new byte[4 + 5 * streams.size()];
        body[0] = (byte) (0xe0 | (pcrPid >> 8));
        body[1] = (byte) pcrPid;
        body[2] = (byte) 0xf0; // program_info_length 0
        body[3] = 0;
        int pos = 4;
        for (Stream s : streams) {
            body[pos] = (byte) s.streamType();
            body[pos + 1] = (byte) (0xe0 | (s.pid() >> 8));
            body[pos + 2] = (byte) s.pid();
            body[pos + 3] = (byte) 0xf0; // ES_info_length 0
            body[pos + 4] = 0;
            pos += 5;
        }
        return section(TABLE_PMT, programNumber, body);
    }

    /** A long-form section: header, version 0, current, section 0 of 0, body, CRC. */
    private static byte[] section(int tableId, int idExtension, byte[] body) {
        int sectionLength = 5 + body.length + 4;
        byte[] s = new byte[3 + sectionLength];
        s[0] = (byte) tableId;
        s[1] = (byte) (0xb0 | (sectionLength >> 8)); // section_syntax_indicator, '0', reserved
        s[2] = (byte) sectionLength;
        s[3] = (byte) (idExtension >> 8);
        s[4] = (byte) idExtension;
        s[5] = (byte) 0xc1; // reserved, version_number 0, current_next_indicator 1
        s[6] = 0;
        s[7] = 0;
        System.arraycopy(body, 0, s, 8, body.length);
        int crc = Crc32Mpeg.compute(s, 0, s.length - 4);
        for (int i = 0; i < 4; i++) {
            s[s.length - 4 + i] = (byte) (crc >>> (24 - 8 * i));
        }
        return s;
    }
}
