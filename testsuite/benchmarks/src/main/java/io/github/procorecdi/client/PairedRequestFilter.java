package io.github.procorecdi.client;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@link RequestFilterBenchmark#procoreFilter} against {@link RequestFilterBenchmark#constantHeadersFilter} on a busy
 * machine: the two take turns in blocks of 200,000 calls (the order alternating every round), each block timed in the
 * thread's CPU time (time the thread spends descheduled does not count), and each round's ratio is one sample; prints the
 * median ratio with its quartiles. Run with {@code java -cp testsuite/benchmarks/target/benchmarks.jar
 * io.github.procorecdi.client.PairedRequestFilter [rounds]}.
 */
public final class PairedRequestFilter {
    private static final int BLOCK = 200_000;
    private static Object sink;

    private PairedRequestFilter() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        RequestFilterBenchmark b = new RequestFilterBenchmark();
        b.setUp();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 30; i++) { // warm up (JIT)
            procore(b);
            constant(b);
        }
        double[] ratios = new double[rounds];
        double[] procore = new double[rounds];
        double[] constant = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            boolean procoreFirst = (r & 1) == 0;
            long t0 = cpu.getCurrentThreadCpuTime();
            if (procoreFirst) {
                procore(b);
            } else {
                constant(b);
            }
            long t1 = cpu.getCurrentThreadCpuTime();
            if (procoreFirst) {
                constant(b);
            } else {
                procore(b);
            }
            long t2 = cpu.getCurrentThreadCpuTime();
            procore[r] = (procoreFirst ? t1 - t0 : t2 - t1) / (double) BLOCK;
            constant[r] = (procoreFirst ? t2 - t1 : t1 - t0) / (double) BLOCK;
            ratios[r] = procore[r] / constant[r];
        }
        Arrays.sort(ratios);
        Arrays.sort(procore);
        Arrays.sort(constant);
        System.out.printf(Locale.ROOT, "procoreFilter / constantHeadersFilter: median %.3f (quartiles %.3f to %.3f); medians %.1f / %.1f ns "
                + "(thread CPU time, %d rounds of %d calls each)%n", ratios[rounds / 2], ratios[rounds / 4], ratios[3 * rounds / 4],
                procore[rounds / 2], constant[rounds / 2], rounds, BLOCK);
    }

    private static void procore(RequestFilterBenchmark b) {
        Object last = null;
        for (int i = 0; i < BLOCK; i++) {
            last = b.procoreFilter();
        }
        sink = last;
    }

    private static void constant(RequestFilterBenchmark b) throws Exception {
        Object last = null;
        for (int i = 0; i < BLOCK; i++) {
            last = b.constantHeadersFilter();
        }
        sink = last;
    }
}
