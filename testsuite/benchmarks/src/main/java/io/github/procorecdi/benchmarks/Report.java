package io.github.procorecdi.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Locale;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every measurement and writes BENCHMARKS.md: the JMH benchmarks (each with its baseline from the same run),
 * Weld SE boot times in fresh JVMs, and the token storms in separate JVMs. Usage:
 * {@code java -cp testsuite/benchmarks/target/benchmarks.jar io.github.procorecdi.benchmarks.Report BENCHMARKS.md [smoke]}
 * ({@code smoke}: one short iteration of each, to check that everything runs; its figures mean nothing).
 */
public final class Report {
    private Report() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "BENCHMARKS.md");
        boolean smoke = args.length > 1 && args[1].equals("smoke");
        StringBuilder md = new StringBuilder();
        Targets targets = new Targets();
        md.append("# Benchmarks\n\n");
        md.append("Written by `java -cp testsuite/benchmarks/target/benchmarks.jar io.github.procorecdi.benchmarks.Report BENCHMARKS.md`")
                .append(" (build it first: `./mvnw -q -pl testsuite/benchmarks -am package -DskipTests`).")
                .append(smoke ? " **Smoke run: one short iteration each; these figures mean nothing.**" : "").append("\n\n");
        md.append("- date: ").append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)).append(" UTC\n");
        md.append("- machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ").append(cpu()).append("\n");
        md.append("- JDK: ").append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.runtime.version"))
                .append("\n\n");

        md.append("## Per-call cost (JMH, -prof gc)\n\n");
        md.append("| benchmark | threads | time per op | B/op |\n|---|---|---|---|\n");
        for (RunResult r : jmh(smoke, "io.github.procorecdi.benchmarks.TokenHotPathBenchmark", "io.github.procorecdi.client.RequestFilterBenchmark",
                "io.github.procorecdi.benchmarks.EndToEndBenchmark")) {
            Result<?> primary = r.getPrimaryResult();
            Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
            String name = r.getParams().getBenchmark().replaceFirst("^io\\.github\\.procorecdi\\.(benchmarks|client)\\.", "");
            String method = name.substring(name.indexOf('.') + 1);
            targets.put("jmh." + method, primary.getScore());
            if (alloc != null) {
                targets.put("jmh." + method + ".bytes", alloc.getScore());
            }
            md.append("| ").append(name).append(" | ").append(r.getParams().getThreads()).append(" | ")
                    .append(fmt(primary.getScore())).append(" ± ").append(fmt(primary.getScoreError())).append(' ')
                    .append(primary.getScoreUnit()).append(" | ")
                    .append(alloc == null ? "-" : fmt(alloc.getScore())).append(" |\n");
        }
        md.append("\n`RequestFilterBenchmark.constantHeadersFilter` and `EndToEndBenchmark.staticBearer*` are the baselines: a filter "
                + "that sets the same three headers to constants, and the same MicroProfile Rest Client with a static Bearer "
                + "filter against the same local stub. `RequestFilterBenchmark.clockRead` is not a filter: one read of the system "
                + "clock, which a cache hit no longer makes (the runtime timer marks a token due instead).\n\n");

        md.append("### End to end, paired (fresh JVM, 2 GB heap)\n\n");
        md.append(PairedEndToEnd.table(smoke, targets)).append('\n');
        md.append("The same call as `EndToEndBenchmark`, with the clients taking turns in blocks of calls (the order rotating every "
                + "round), so that drift on the machine hits all of them alike; each round gives one sample of each ratio. The second "
                + "static client is the control: its ratio shows the harness's own noise. Allocation is counted on the calling thread "
                + "and in the whole JVM (the stub's threads too, as `-prof gc` counts): in one JVM the clients allocate the same, while "
                + "JMH's B/op moves by hundreds of bytes between forks of the same client (its two `staticBearer` rows are one client).\n\n");

        md.append("## Weld SE boot (fresh JVMs)\n\n");
        md.append(BootTimes.table(smoke ? 1 : 20, targets)).append('\n');
        md.append(BootTimes.LEGEND).append("\n\n");
        md.append(BootTimes.warm(smoke, targets)).append("\n\n");

        md.append("## Token storms (separate JVMs)\n\n");
        md.append(Storms.table(smoke, targets)).append('\n');
        md.append(targets.section());
        Files.writeString(out, md.toString());
        System.out.println("wrote " + out.toAbsolutePath());
    }

    private static Collection<RunResult> jmh(boolean smoke, String... benchmarks) throws Exception {
        OptionsBuilder options = new OptionsBuilder();
        for (String b : benchmarks) {
            options.include(b.replace(".", "\\.") + "\\.");
        }
        Options opt = options.forks(1).addProfiler(GCProfiler.class)
                .warmupIterations(smoke ? 1 : 5).warmupTime(TimeValue.seconds(smoke ? 1 : 2))
                .measurementIterations(smoke ? 1 : 10).measurementTime(TimeValue.seconds(smoke ? 1 : 2))
                .shouldFailOnError(true).build();
        return new Runner(opt).run();
    }

    static String fmt(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, v >= 100 ? "%.0f" : v >= 1 ? "%.1f" : "%.2g", v);
    }

    private static String cpu() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }
}
