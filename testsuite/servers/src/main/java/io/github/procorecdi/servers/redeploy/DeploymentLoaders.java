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
     * Collects garbage (a few full collections, until no loader but {@code own} is left or the rounds run out) and counts
     * the registered loaders still alive, {@code own} excepted.
     */
    static int aliveExcept(ClassLoader own) throws InterruptedException {
        int alive = 0;
        for (int round = 0; round < 10; round++) {
            System.gc();
            Thread.sleep(100);
            alive = 0;
            for (WeakReference<ClassLoader> ref : list()) {
                ClassLoader l = ref.get();
                if (l != null && l != own) {
                    alive++;
                }
            }
            if (alive == 0) {
                return 0;
            }
        }
        return alive;
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
