package io.github.procorecdi.servers.redeploy.loaders;

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
public final class DeploymentLoaders {
    /** The system property holding the list of the procore-cdi WAR (a {@code Properties} value need not be a string). */
    public static final String PROCORE = "io.github.procorecdi.test.deployment-loaders";
    /** The system property holding the list of the control WAR (no procore-cdi in it). */
    public static final String CONTROL = "io.github.procorecdi.test.control-loaders";

    private final String key;

    /** @param key the system property holding the list: {@link #PROCORE} or {@link #CONTROL} */
    public DeploymentLoaders(String key) {
        this.key = key;
    }

    /** Adds {@code loader} to the server-wide list (once). */
    public void register(ClassLoader loader) {
        List<WeakReference<ClassLoader>> list = list();
        for (WeakReference<ClassLoader> ref : list) {
            if (ref.get() == loader) {
                return;
            }
        }
        list.add(new WeakReference<>(loader));
    }

    /** @return how many deployments registered so far */
    public int registered() {
        return list().size();
    }

    /**
     * Collects garbage until no registered loader but {@code own} is alive, or {@link #GC_ROUNDS} rounds have passed, and
     * counts the registered loaders still alive, {@code own} excepted. Rounds are half a second apart: a loader can need
     * more than one collection (the JDK HTTP client's selector thread, which a token endpoint's client starts, ends only
     * a few seconds after its client was collected, and until then keeps its creator's class loader as its context).
     */
    public int aliveExcept(ClassLoader own) throws InterruptedException {
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
    public static final int GC_ROUNDS = 30;

    /** @return the registered loaders alive, {@code own} excepted, by their deployment's number (1 = first) */
    public List<Integer> aliveDeployments(ClassLoader own) {
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

    private List<ClassLoader> alive(ClassLoader own) {
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
    public List<String> httpClientThreads() {
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
    public List<String> threadsHolding(ClassLoader own) {
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
    private List<WeakReference<ClassLoader>> list() {
        Properties p = System.getProperties();
        synchronized (p) {
            Object list = p.get(key);
            if (list == null) {
                list = new CopyOnWriteArrayList<WeakReference<ClassLoader>>();
                p.put(key, list);
            }
            return (List<WeakReference<ClassLoader>>) list;
        }
    }

    /**
     * @return the names of the live worker threads of WildFly's (Undertow's) request executor, {@code default task-N},
     *         sorted. Each keeps the first request it ran reachable for its whole life, and with it that request's
     *         deployment and class loader: jboss-threads' {@code EnhancedQueueExecutor$ThreadBody.run()} keeps its initial
     *         task in a local variable while it runs the thread's loop (a heap dump shows that frame as the loader's GC root)
     */
    public static List<String> serverWorkers() {
        List<String> names = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith("default task-")) {
                names.add(t.getName());
            }
        }
        names.sort(null);
        return names;
    }

    /** @return the names of the live threads named {@code procore-*} (procore-cdi's), sorted */
    public static List<String> procoreThreads() {
        List<String> names = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith("procore-")) {
                names.add(t.getName());
            }
        }
        names.sort(null);
        return names;
    }

    /**
     * @return after forced garbage collections, {@code loaders=<n> deployments=<n> threads=<n> [names]} (then, if loaders
     *         are alive, which deployments and the threads that have one as their context class loader)
     */
    public String state(ClassLoader own) throws InterruptedException {
        int alive = aliveExcept(own);
        List<String> threads = procoreThreads();
        return "loaders=" + alive + " deployments=" + registered() + " threads=" + threads.size() + " " + threads
                + (alive == 0 ? "" : " alive=" + aliveDeployments(own) + " held as context by " + threadsHolding(own)
                        + "; JDK HTTP client threads " + httpClientThreads());
    }

    /**
     * Writes a heap dump of the server JVM (live objects only) to {@code file}, to find what keeps a loader reachable
     * (diagnostics: the redeploy test asks for it when {@code -Dredeploy.heapdump=<dir>} is set).
     */
    public static void dumpHeap(String file) throws java.io.IOException {
        try { // through JMX: a server's module loader may not show the deployment com.sun.management
            java.lang.management.ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=HotSpotDiagnostic"), "dumpHeap",
                    new Object[] {file, Boolean.TRUE}, new String[] {String.class.getName(), boolean.class.getName()});
        } catch (javax.management.JMException e) {
            throw new java.io.IOException("heap dump to " + file + " failed: " + e, e);
        }
    }
}
