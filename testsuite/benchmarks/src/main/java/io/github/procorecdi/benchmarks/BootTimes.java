package io.github.procorecdi.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

import io.github.procorecdi.extension.ProcoreExtension;

/**
 * Weld SE's {@code initialize()} in fresh JVMs: without procore-cdi's extension, with it and no injection point, and
 * with it and 50 injection points. Each measurement is a new JVM (class loading included, as an application pays it).
 * Usage: {@code java -cp benchmarks.jar io.github.procorecdi.benchmarks.BootTimes [runs]}.
 */
public final class BootTimes {
    /**
     * {@code none}: no extension; {@code config}: no extension, but MicroProfile Config read inside the measurement (as
     * any application using MicroProfile Rest Client or Config does anyway); {@code extension}: procore-cdi with one
     * configured connection and no injection point; {@code extension+50}: the same with 50 injection points.
     */
    static final List<String> VARIANTS = List.of("none", "config", "extension", "extension+50");

    private BootTimes() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && args[0].equals("child")) {
            child(args[1]);
            return;
        }
        System.out.println(table(args.length > 0 ? Integer.parseInt(args[0]) : 10, new Targets()));
    }

    /** What each variant is, for the report. */
    static final String LEGEND = "`none`: no extension; `config`: no extension, MicroProfile Config read inside the measurement (any "
            + "application using MicroProfile Rest Client pays it); `extension`: procore-cdi with one configured connection, no "
            + "injection point; `extension+50`: the same with 50 `@ProcoreClient` injection points. One bean in each.";

    /**
     * @return a markdown table of {@code runs} fresh-JVM boots of each variant, and of the extension's own cost: the
     *         difference to the {@code config} boot of the same round (the rounds are interleaved, so drift hits both)
     */
    static String table(int runs, Targets targets) throws Exception {
        Map<String, List<Long>> times = new TreeMap<>();
        List<Long> own = new ArrayList<>();
        List<Long> fifty = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Map<String, Long> round = new TreeMap<>();
            for (String variant : VARIANTS) { // interleaved: drift hits all alike
                long t = runChild(variant);
                round.put(variant, t);
                times.computeIfAbsent(variant, v -> new ArrayList<>()).add(t);
            }
            own.add(round.get("extension") - round.get("config"));
            fifty.add(round.get("extension+50") - round.get("extension"));
        }
        StringBuilder table = new StringBuilder("| Weld SE initialize() | median | min | max | runs |\n|---|---|---|---|---|\n");
        for (String variant : VARIANTS) {
            table.append(row(variant, times.get(variant)));
        }
        table.append(row("extension − config, same round", own));
        targets.put("boot.own", median(own));
        table.append(row("extension+50 − extension, same round", fifty));
        return table.toString();
    }

    /**
     * @return a markdown line: Weld SE boots in one JVM, after {@code WARM_UP} of each variant, without and with the
     *         extension, alternating: the extension's own work once its classes are loaded and its code compiled
     */
    static String warm(boolean smoke, Targets targets) throws Exception {
        Process p = ChildJvm.start(List.of("-Xshare:auto"), BootTimes.class, "child", smoke ? "warm-smoke" : "warm");
        String[] ms = ChildJvm.resultLine(p, "WARM ").substring(5).trim().split(" ");
        targets.put("boot.warm.none", Double.parseDouble(ms[0]));
        targets.put("boot.warm.extension", Double.parseDouble(ms[1]));
        return String.format(Locale.ROOT, "In one JVM after %d boots of each (classes loaded, code compiled), median of %s "
                + "more, initialize() and shutdown(): none %s ms, extension %s ms.", WARM_UP, smoke ? "2" : "30", ms[0], ms[1]);
    }

    private static final int WARM_UP = 30;

    private static long median(List<Long> values) {
        List<Long> t = new ArrayList<>(values);
        Collections.sort(t);
        return t.get(t.size() / 2);
    }

    private static String row(String name, List<Long> values) {
        List<Long> t = new ArrayList<>(values);
        Collections.sort(t);
        return "| " + name + " | " + t.get(t.size() / 2) + " ms | " + t.get(0) + " ms | " + t.get(t.size() - 1) + " ms | " + t.size() + " |\n";
    }

    private static long runChild(String variant) throws Exception {
        return Long.parseLong(ChildJvm.resultLine(ChildJvm.start(List.of("-Xshare:auto"), BootTimes.class, "child", variant), "BOOT ").substring(5).trim());
    }

    private static void warmChild(int rounds) {
        List<Long> none = new ArrayList<>();
        List<Long> extension = new ArrayList<>();
        for (int i = 0; i < WARM_UP + rounds; i++) {
            for (boolean withExtension : new boolean[] {false, true}) {
                Weld weld = new Weld("warm-" + i + withExtension).disableDiscovery().addBeanClasses(PlainBean.class);
                if (withExtension) {
                    weld.addExtension(new ProcoreExtension());
                }
                long t0 = System.nanoTime();
                weld.initialize().shutdown();
                long micros = (System.nanoTime() - t0) / 1000;
                if (i >= WARM_UP) {
                    (withExtension ? extension : none).add(micros);
                }
            }
        }
        Collections.sort(none);
        Collections.sort(extension);
        System.out.printf(Locale.ROOT, "WARM %.1f %.1f%n", none.get(none.size() / 2) / 1000.0,
                extension.get(extension.size() / 2) / 1000.0);
    }

    private static void child(String variant) {
        System.setProperty("procore.bench.grant-type", "client_credentials");
        System.setProperty("procore.bench.client-id", "bench-client");
        System.setProperty("procore.bench.client-secret", "bench-secret");
        System.setProperty("procore.bench.login-url", "http://127.0.0.1:1");
        System.setProperty("procore.bench.api-url", "http://127.0.0.1:1");
        java.util.logging.LogManager.getLogManager().reset(); // no console output in the measurement
        if (variant.startsWith("warm")) {
            warmChild(variant.equals("warm") ? 30 : 2);
            return;
        }
        Weld weld = new Weld("boot-" + variant).disableDiscovery().addBeanClasses(PlainBean.class);
        if (variant.startsWith("extension")) {
            weld.addExtension(new ProcoreExtension());
        }
        if (variant.endsWith("+50")) {
            weld.addBeanClasses(FiftyInjectionPoints.class);
        }
        long t0 = System.nanoTime();
        if (variant.equals("config")) {
            org.eclipse.microprofile.config.ConfigProvider.getConfig().getPropertyNames().forEach(n -> { });
        }
        WeldContainer c = weld.initialize();
        long millis = (System.nanoTime() - t0) / 1_000_000;
        c.shutdown();
        System.out.println("BOOT " + millis);
    }
}
