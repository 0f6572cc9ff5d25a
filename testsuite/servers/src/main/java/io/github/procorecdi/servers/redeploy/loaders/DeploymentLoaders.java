package io.github.procorecdi.servers.redeploy;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A server-wide list of weak references to the class loader of every deployment of the redeploy application, kept where
 * every deployment finds the same list: the server JVM's system properties. The list and its entries are JDK objects
 * only ({@link CopyOnWriteArrayList} of {@link WeakReference}), so the list itself keeps no deployment reachable; a loader
 * that is still reachable after forced garbage collections is kept by something else (what the redeploy test looks for).
 */
final class DeploymentLoaders {
    /** The system property holding the list (a {@code Properties} value need not be a string). */
    static final String KEY = "io.github.procorecdi.test.deployment-loaders";

    private DeploymentLoaders() {
    }

    /** Adds {@code loader} to the server-wide list (once). */
    static void register(ClassLoader loader) {
        List<WeakReference<ClassLoader>> list = list();
        for (WeakReference<ClassLoader> ref : list) {
            if (ref.get() == loader) {
                return;
            }
        }
        list.add(new WeakReference<>(loader));
    }

    /** @return how many deployments registered so far */
    static int registered() {
        return list().size();
    }

    /**
     * Collects garbage until no registered loader but {@code own} is alive, or {@link #GC_ROUNDS} rounds have passed, and
     * counts the registered loaders still alive, {@code own} excepted. Rounds are half a second apart: a loader can need
     * more than one collection (the JDK HTTP client's selector thread, which a token endpoint's client starts, ends only
     * a few seconds after its client was collected, and until then keeps its creator's class loader as its context).
     */
    static int aliveExcept(ClassLoader own) throws InterruptedException {
        int alive = 0;
        for (int round = 0; round < GC_ROUNDS; round++) {
            System.gc();
            alive = alive(own).size();
            if (alive == 0) {
                return 0;
            }
            Thread.sleep(500);
        }
        return alive;
    }

    /** Collections tried by {@link #aliveExcept} before it counts. */
    static final int GC_ROUNDS = 30;

    /** @return the registered loaders alive, {@code own} excepted, by their deployment's number (1 = first) */
    static List<Integer> aliveDeployments(ClassLoader own) {
        List<Integer> numbers = new ArrayList<>();
        List<WeakReference<ClassLoader>> list = list();
        for (int i = 0; i < list.size(); i++) {
            ClassLoader l = list.get(i).get();
            if (l != null && l != own) {
                numbers.add(i + 1);
            }
        }
        return numbers;
    }

    private static List<ClassLoader> alive(ClassLoader own) {
        List<ClassLoader> alive = new ArrayList<>();
        for (WeakReference<ClassLoader> ref : list()) {
            ClassLoader l = ref.get();
            if (l != null && l != own) {
                alive.add(l);
            }
        }
        return alive;
    }

    /**
     * @return the live threads named {@code HttpClient-*} (the JDK HTTP client's), each with the deployment its context
     *         class loader belongs to ({@code name@3}), or {@code @-} for none of them (diagnostics)
     */
    static List<String> httpClientThreads() {
        List<WeakReference<ClassLoader>> list = list();
        List<String> names = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!t.getName().startsWith("HttpClient-")) {
                continue;
            }
            String owner = "-";
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).get() == t.getContextClassLoader()) {
                    owner = Integer.toString(i + 1);
                }
            }
            StringBuilder frames = new StringBuilder();
            StackTraceElement[] stack = t.getStackTrace();
            for (int i = 0; i < Math.min(4, stack.length); i++) {
                frames.append(i == 0 ? " at " : " < ").append(stack[i].getClassName().replaceAll(".*\\.", "")).append('.')
                        .append(stack[i].getMethodName());
            }
            names.add(t.getName() + "@" + owner + " " + t.getState() + frames);
        }
        names.sort(null);
        return names;
    }

    /** @return the live threads whose context class loader is a registered loader other than {@code own} (diagnostics) */
    static List<String> threadsHolding(ClassLoader own) {
        List<ClassLoader> alive = alive(own);
        List<String> names = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            ClassLoader tccl = t.getContextClassLoader();
            for (ClassLoader l : alive) {
                if (tccl == l) {
                    names.add(t.getName());
                }
            }
        }
        names.sort(null);
        return names;
    }

    @SuppressWarnings("unchecked")
    private static List<WeakReference<ClassLoader>> list() {
        Properties p = System.getProperties();
        synchronized (p) {
            Object list = p.get(KEY);
            if (list == null) {
                list = new CopyOnWriteArrayList<WeakReference<ClassLoader>>();
                p.put(KEY, list);
            }
            return (List<WeakReference<ClassLoader>>) list;
        }
    }

    /** @return the names of the live threads named {@code procore-*} (procore-cdi's), sorted */
    static List<String> procoreThreads() {
        List<String> names = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith("procore-")) {
                names.add(t.getName());
            }
        }
        names.sort(null);
        return names;
    }
}
