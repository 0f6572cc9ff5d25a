package io.github.procorecdi.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Fresh JVMs on the benchmark jar's class path, for the measurements that need separate processes. */
final class ChildJvm {
    private ChildJvm() {
    }

    /** Starts {@code main} with {@code args} in a new JVM with {@code jvmOptions}; its stderr joins its stdout. */
    static Process start(List<String> jvmOptions, Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + "/bin/java");
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /**
     * @return the first line of the process's output that starts with {@code prefix}, once the process has ended
     * @throws IllegalStateException with the process's output if it ends without such a line
     */
    static String resultLine(Process p, String prefix) throws Exception {
        StringBuilder output = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith(prefix)) {
                    p.waitFor();
                    return line;
                }
                if (output.length() < 20_000) {
                    output.append(line).append('\n');
                }
            }
        }
        p.waitFor();
        throw new IllegalStateException(p.info().commandLine().orElse("a child JVM") + " ended without a result:\n" + output);
    }
}
