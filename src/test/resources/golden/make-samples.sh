#!/bin/sh
# Makes the golden test samples with ffmpeg (5.1 was used). Run once, from this directory; the
# outputs are committed, so the tests need no ffmpeg. Re-running gives different bytes (encoder
# versions differ): then regenerate the dumps with -Dgolden.update=true and review the diff.
set -eu
cd "$(dirname "$0")"
FF="ffmpeg -v error -y -fflags +bitexact -f lavfi -i testsrc2=size=320x180:rate=25"
SINE48="-f lavfi -i sine=frequency=440:sample_rate=48000"
SINE44="-f lavfi -i sine=frequency=440:sample_rate=44100"
X264="-c:v libx264 -preset veryfast -g 25 -bf 2 -pix_fmt yuv420p -flags +bitexact"
AAC="-c:a aac -b:a 64k -ac 2 -flags +bitexact"

# H.264 + AAC in MPEG-TS and in MP4, 2 s, GOP 1 s, two B-frames
$FF $SINE48 -t 2 $X264 $AAC -f mpegts h264-aac.ts
$FF $SINE48 -t 2 $X264 $AAC h264-aac.mp4

# H.265 (hvc1) + mono AAC in MP4, 1 s
$FF $SINE48 -t 1 -c:v libx265 -preset veryfast -g 25 -bf 2 -x265-params log-level=none -tag:v hvc1 \
    -c:a aac -b:a 48k -ac 1 -flags +bitexact h265.mp4

# What ffmpeg sends when it publishes over RTMP: its FLV muxer's tags (H.264 + 44.1 kHz AAC), 2 s
$FF $SINE44 -t 2 $X264 $AAC -f flv publish.flv

# HE-AAC: stock ffmpeg has no HE-AAC encoder, so a 24 kHz AAC LC stream (the HE-AAC core) is
# re-signalled explicitly as HE-AAC (object type 5, SBR at 48 kHz) by rewriting its
# AudioSpecificConfig in the esds box. The audio bytes are the core's; demuxers only read the config.
ffmpeg -v error -y -fflags +bitexact $SINE48 -t 1 -c:a aac -b:a 32k -ar 24000 -ac 2 -flags +bitexact he-aac-core.mp4
python3 - he-aac-core.mp4 he-aac.mp4 <<'PY'
import struct, sys
data = bytearray(open(sys.argv[1], 'rb').read())
HE_AAC = bytes([0x2B, 0x11, 0x88, 0x00])             # AOT 5, 24 kHz core, 2 ch, SBR 48 kHz, core AOT 2
dsi = data.find(bytes([0x05, 0x80, 0x80, 0x80]))     # DecoderSpecificInfo, 4-byte length form
old = data[dsi + 4]
assert dsi > 0 and data[dsi + 5:dsi + 7] == bytes([0x13, 0x10]), 'no AAC LC 24 kHz stereo config found'
grow = len(HE_AAC) - old
data[dsi + 4] = len(HE_AAC)
data[dsi + 5:dsi + 5 + old] = HE_AAC
def patch_boxes(start, end):  # grow every box that contains the DSI
    pos = start
    while pos < end:
        size, kind = struct.unpack('>I4s', data[pos:pos + 8])
        if pos < dsi < pos + size:
            struct.pack_into('>I', data, pos, size + grow)
            header = {b'stsd': 16, b'mp4a': 36, b'esds': 12}.get(kind, 8)
            if kind == b'esds':
                return
            patch_boxes(pos + header, pos + size)
            return
        pos += size
moov = data.find(b'moov') - 4
assert data.find(b'mdat') < moov, 'moov must follow mdat, so no chunk offset moves'
patch_boxes(0, len(data))
esds = data.find(b'esds') + 8
for tag in (0x03, 0x04):  # ES_Descriptor and DecoderConfigDescriptor lengths (4-byte form)
    at = data.find(bytes([tag, 0x80, 0x80, 0x80]), esds)
    data[at + 4] += grow
open(sys.argv[2], 'wb').write(data)
PY
rm he-aac-core.mp4
ls -l h264-aac.ts h264-aac.mp4 h265.mp4 publish.flv he-aac.mp4
