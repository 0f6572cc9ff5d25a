import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Quarkus' start-up with and without procore-cdi: runs two packaged applications alternately, {@code runs} times each,
 * and reads, when the application logs "started in", Quarkus' own figure and the CPU time the JVM has used so far
 * (user + system, from the operating system; less disturbed by a busy machine than wall time).
 *
 * <pre>java testsuite/quarkus-baseline/StartupCost.java &lt;baseline quarkus-run.jar&gt; &lt;with procore-cdi quarkus-run.jar&gt; [runs] [-Dprop=value ...]</pre>
 *
 * Further arguments are passed to both JVMs.
 */
public class StartupCost {
    private static final Pattern STARTED = Pattern.compile("started in (\\d+\\.\\d+)s");

    public static void main(String[] args) throws Exception {
        Path without = Path.of(args[0]);
        Path with = Path.of(args[1]);
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        List<String> jvmArgs = args.length > 3 ? List.of(args).subList(3, args.length) : List.of();
        List<Double> startedWithout = new ArrayList<>();
        List<Double> startedWith = new ArrayList<>();
        List<Double> cpuWithout = new ArrayList<>();
        List<Double> cpuWith = new ArrayList<>();
        run(without, jvmArgs, new ArrayList<>(), new ArrayList<>()); // warms the file cache, not counted
        run(with, jvmArgs, new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < runs; i++) {
            run(without, jvmArgs, startedWithout, cpuWithout);
            run(with, jvmArgs, startedWith, cpuWith);
        }
        System.out.println("| application | runs | \"started in\" median (min-max) | CPU time to \"started in\" median (min-max) |");
        System.out.println("|---|---|---|---|");
        System.out.println(row("Quarkus without procore-cdi", startedWithout, cpuWithout));
        System.out.println(row("Quarkus with procore-cdi (one connection)", startedWith, cpuWith));
        System.out.printf("difference of medians: started in %+.0f ms, CPU %+.0f ms%n",
                median(startedWith) - median(startedWithout), median(cpuWith) - median(cpuWithout));
    }

    private static void run(Path jar, List<String> jvmArgs, List<Double> started, List<Double> cpu) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(jar.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                Matcher m = STARTED.matcher(line);
                if (m.find()) {
                    Duration used = p.toHandle().info().totalCpuDuration().orElseThrow();
                    started.add(Double.parseDouble(m.group(1)) * 1000);
                    cpu.add((double) used.toMillis());
                    break;
                }
            }
        } finally {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private static String row(String name, List<Double> started, List<Double> cpu) {
        return String.format("| %s | %d | %.0f ms (%.0f-%.0f) | %.0f ms (%.0f-%.0f) |", name, started.size(), median(started),
                Collections.min(started), Collections.max(started), median(cpu), Collections.min(cpu), Collections.max(cpu));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
