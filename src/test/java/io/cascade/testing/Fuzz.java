package io.cascade.testing;

import io.cascade.media.MediaFormatException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.fail;

/**
 * Fuzz-style checks with a fixed seed and a bounded count: hostile variants of real inputs
 * (truncated, bit-flipped, overwritten with random bytes, or random altogether) go to a parser,
 * which may accept them or throw {@link MediaFormatException}, and nothing else.
 */
public final class Fuzz {
    /** A parser under test. */
    @FunctionalInterface
    public interface Parser {
        void parse(byte[] input) throws Exception;
    }

    private Fuzz() {
    }

    /** {@code count} variants of each seed input, the same on every run. */
    public static List<byte[]> variants(List<byte[]> seeds, int count, long seed) {
        Random random = new Random(seed);
        List<byte[]> out = new ArrayList<>();
        for (byte[] input : seeds) {
            out.add(input);
            for (int i = 0; i < count; i++) {
                out.add(mutate(input, random));
            }
        }
        return out;
    }

    private static byte[] mutate(byte[] input, Random random) {
        int n = input.length;
        return switch (random.nextInt(5)) {
            case 0 -> Arrays.copyOf(input, n == 0 ? 0 : random.nextInt(n)); // truncated
            case 1 -> flip(input, 1 + random.nextInt(8), random);
            case 2 -> {
                byte[] b = input.clone(); // a run overwritten with random bytes
                if (n > 0) {
                    int from = random.nextInt(n);
                    for (int i = from; i < Math.min(n, from + 1 + random.nextInt(16)); i++) {
                        b[i] = (byte) random.nextInt(256);
                    }
                }
                yield b;
            }
            case 3 -> {
                byte[] b = flip(input, 1 + random.nextInt(4), random); // flipped and cut
                yield Arrays.copyOf(b, n == 0 ? 0 : 1 + random.nextInt(n));
            }
            default -> {
                byte[] b = new byte[random.nextInt(Math.max(2, Math.min(n * 2, 4096)))]; // random bytes
                random.nextBytes(b);
                yield b;
            }
        };
    }

    private static byte[] flip(byte[] input, int bits, Random random) {
        byte[] b = input.clone();
        for (int i = 0; i < bits && b.length > 0; i++) {
            int bit = random.nextInt(b.length * 8);
            b[bit >>> 3] ^= (byte) (1 << (bit & 7));
        }
        return b;
    }

    /** Feeds every variant to {@code parser}; fails on any exception other than MediaFormatException. */
    public static void onlyFormatErrors(String what, List<byte[]> seeds, int count, long seed, Parser parser) {
        List<byte[]> inputs = variants(seeds, count, seed);
        for (int i = 0; i < inputs.size(); i++) {
            byte[] input = inputs.get(i);
            try {
                parser.parse(input);
            } catch (MediaFormatException expected) {
                // the one failure a parser may report
            } catch (Throwable e) {
                String head = HexFormat.of().formatHex(input, 0, Math.min(input.length, 48));
                fail(what + " threw " + e + " for variant " + i + " (seed " + seed + ", " + input.length
                        + " bytes, starting " + head + ")", e);
            }
        }
    }
}
