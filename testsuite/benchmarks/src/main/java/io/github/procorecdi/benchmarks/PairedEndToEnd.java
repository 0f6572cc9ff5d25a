package io.github.procorecdi.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.github.procorecdi.ProcoreConnection;
import io.github.procorecdi.ProcoreConnections;



/**
 * The end-to-end comparison of {@link EndToEndBenchmark} as a paired measurement, in a fresh JVM with a fixed 2 GB
 * heap: the procore-cdi client and two identical static-Bearer clients take turns in short blocks of calls (the order
 * rotating every round), so that whatever drifts on a shared machine (the stub, the JIT, GC, the neighbours) hits all
 * three alike. Each round gives one sample of each ratio. The second static client is the control: its ratio to the
 * first shows the harness's own bias and noise. Allocation is counted on the calling thread only (the stub's threads,
 * which {@code -prof gc} counts too, are excluded).
 */
public final class PairedEndToEnd {
    static volatile long sink;

    private PairedEndToEnd() {
    }

    /** Time and calling-thread allocation per call of each client, and the mean per-round ratios with their 95% CIs. */
    record Result(int rounds, int callsPerBlock, double[] micros, double[] bytes, double[] jvmBytes, double ratio, double ratioError,
                  double control, double controlError) {
        String rows() {
            return String.format(Locale.ROOT, "| procore-cdi client | %.1f µs | %.0f B | %.0f B | %.3f ± %.3f | %.3f |%n"
                    + "| static Bearer client | %.1f µs | %.0f B | %.0f B | 1 | 1 |%n"
                    + "| second static Bearer client (control) | %.1f µs | %.0f B | %.0f B | %.3f ± %.3f | %.3f |%n",
                    micros[0], bytes[0], jvmBytes[0], ratio, ratioError, micros[1] / micros[0], micros[1], bytes[1], jvmBytes[1],
                    micros[2], bytes[2], jvmBytes[2], control, controlError, micros[1] / micros[2]);
        }
    }

    /** Runs in a child JVM and prints the table rows. Arguments: rounds, calls per block. */
    public static void main(String[] args) throws Exception {
        System.out.print(run(Integer.parseInt(args[0]), Integer.parseInt(args[1])).rows());
    }

    /** Markdown table of one run in a fresh JVM. */
    static String table(boolean smoke, Targets targets) throws Exception {
        int rounds = smoke ? 4 : 200;
        int calls = smoke ? 50 : 500;
        Process p = ChildJvm.start(List.of("-Xms2g", "-Xmx2g"), PairedEndToEnd.class, String.valueOf(rounds), String.valueOf(calls));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("| "))
                .map(l -> l + "\n").collect(Collectors.joining());
        if (p.waitFor() != 0 || out.isBlank()) {
            throw new IllegalStateException("paired end-to-end run failed: " + out);
        }
        Matcher m = Pattern.compile("\\| procore-cdi client \\| [^|]+ \\| ([\\d.]+) B \\| [^|]+ \\| ([\\d.]+) ± ([\\d.]+) \\|").matcher(out);
        Matcher s = Pattern.compile("\\| static Bearer client \\| [^|]+ \\| ([\\d.]+) B \\|").matcher(out);
        if (!m.find() || !s.find()) {
            throw new IllegalStateException("unexpected paired end-to-end output: " + out);
        }
        targets.put("paired.bytes.procore", Double.parseDouble(m.group(1)));
        targets.put("paired.ratio", Double.parseDouble(m.group(2)));
        targets.put("paired.error", Double.parseDouble(m.group(3)));
        targets.put("paired.bytes.static", Double.parseDouble(s.group(1)));
        return "| client (" + rounds + " rounds × " + calls + " calls each, 1 thread) | per call | allocated per call: calling thread "
                + "| allocated per call: whole JVM (the stub's threads too) | ratio static / this: mean of rounds (95% CI) "
                + "| ratio of the totals |\n|---|---|---|---|---|---|\n" + out;
    }

    static Result run(int rounds, int callsPerBlock) throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        try (LocalStub stub = new LocalStub()) {
            ProcoreConnection connection = ProcoreConnections.open("bench", stub.properties());
            MeApi[] clients = {connection.client(MeApi.class), stub.staticBearerClient(), stub.staticBearerClient()};
            try {
                for (int i = 0; i < 20; i++) { // warm-up: the JIT settles every path
                    for (MeApi c : clients) {
                        block(c, callsPerBlock);
                    }
                }
                long[] nanos = new long[3];
                long[] allocated = new long[3];
                long[] allocatedInJvm = new long[3];
                double[] ratio = new double[rounds];
                double[] control = new double[rounds];
                long[] round = new long[3];
                for (int r = 0; r < rounds; r++) {
                    for (int k = 0; k < 3; k++) {
                        int c = (r + k) % 3;
                        long before = threads.getThreadAllocatedBytes(self);
                        long jvmBefore = allocatedInJvm(threads);
                        round[c] = block(clients[c], callsPerBlock);
                        allocated[c] += threads.getThreadAllocatedBytes(self) - before;
                        allocatedInJvm[c] += allocatedInJvm(threads) - jvmBefore;
                        nanos[c] += round[c];
                    }
                    ratio[r] = (double) round[1] / round[0];
                    control[r] = (double) round[1] / round[2];
                }
                if (stub.tokenRequests() != 1) {
                    throw new IllegalStateException("expected one token request, got " + stub.tokenRequests());
                }
                double calls = (double) rounds * callsPerBlock;
                double[] micros = new double[3];
                double[] bytes = new double[3];
                double[] jvmBytes = new double[3];
                for (int c = 0; c < 3; c++) {
                    micros[c] = nanos[c] / calls / 1000;
                    bytes[c] = allocated[c] / calls;
                    jvmBytes[c] = allocatedInJvm[c] / calls;
                }
                return new Result(rounds, callsPerBlock, micros, bytes, jvmBytes, mean(ratio), ci95(ratio), mean(control), ci95(control));
            } finally {
                for (MeApi c : clients) {
                    ((AutoCloseable) c).close();
                }
                ProcoreConnections.close(connection);
            }
        }
    }

    /** @return bytes allocated so far by the JVM's live threads (the stub's included) */
    private static long allocatedInJvm(com.sun.management.ThreadMXBean threads) {
        long sum = 0;
        for (long a : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            sum += Math.max(0, a);
        }
        return sum;
    }

    private static double mean(double[] xs) {
        double sum = 0;
        for (double x : xs) {
            sum += x;
        }
        return sum / xs.length;
    }

    /** Half-width of the 95% confidence interval of the mean (normal approximation; rounds are many). */
    private static double ci95(double[] xs) {
        if (xs.length < 2) {
            return Double.NaN;
        }
        double m = mean(xs);
        double var = 0;
        for (double x : xs) {
            var += (x - m) * (x - m);
        }
        return 1.96 * Math.sqrt(var / (xs.length - 1) / xs.length);
    }

    private static long block(MeApi api, int calls) {
        long start = System.nanoTime();
        long ids = 0;
        for (int i = 0; i < calls; i++) {
            ids += api.me().id;
        }
        long took = System.nanoTime() - start;
        sink = ids; // keeps the answers alive
        return took;
    }
}
