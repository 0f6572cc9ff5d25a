import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.util.*;

/**
 * Diagnostics for RedeployTest (not part of the build): the shortest strong path from a GC root to each JBoss Modules
 * class loader ({@code ModuleClassLoader}) whose module name contains a given text, in an HPROF heap dump such as
 * {@code -Dredeploy.heapdump=<dir>} makes. Weak, soft, phantom and finalizer references are not followed; the frames of
 * the dump call itself (up to the servlet's {@code DeploymentLoaders.dumpHeap}) are left out (set KEEP_DUMPING_THREAD to
 * keep them). For a Java frame root it prints the
 * frames around the one holding the object; for each loader, its number in the redeploy test's list of deployments.
 * Usage: {@code java -Xmx3g testsuite/wildfly/heap/HeapPaths.java <dump.hprof> <text of the module name>}, e.g.
 * {@code procore-redeploy-control}.
 */
public class HeapPaths {
    static int idSize;
    static MappedByteBuffer[] maps;
    static final long CHUNK = 1L << 30;
    static long fileSize;

    static int u1(long p) { return get(p) & 0xff; }
    static byte get(long p) { return maps[(int) (p / CHUNK)].get((int) (p % CHUNK)); }
    static int u2(long p) { return (u1(p) << 8) | u1(p + 1); }
    static int u4(long p) { return (u1(p) << 24) | (u1(p + 1) << 16) | (u1(p + 2) << 8) | u1(p + 3); }
    static long u8(long p) { return ((long) u4(p) << 32) | (u4(p + 4) & 0xffffffffL); }
    static long id(long p) { return idSize == 8 ? u8(p) : u4(p) & 0xffffffffL; }

    /** open addressing long->long */
    static final class LongMap {
        long[] keys, vals; int size;
        LongMap(int cap) { int c = Integer.highestOneBit(cap * 2) * 2; keys = new long[c]; vals = new long[c]; }
        int slot(long k) { long h = k * 0x9E3779B97F4A7C15L; return (int) (h >>> 40) & (keys.length - 1); }
        void put(long k, long v) {
            if (size * 2 > keys.length) grow();
            int i = slot(k);
            while (keys[i] != 0 && keys[i] != k) i = (i + 1) & (keys.length - 1);
            if (keys[i] == 0) size++;
            keys[i] = k; vals[i] = v;
        }
        long get(long k) { int i = slot(k); while (keys[i] != 0) { if (keys[i] == k) return vals[i]; i = (i + 1) & (keys.length - 1); } return -1; }
        boolean has(long k) { return get(k) != -1; }
        void grow() { long[] ok = keys, ov = vals; keys = new long[ok.length * 2]; vals = new long[ok.length * 2]; size = 0;
            for (int i = 0; i < ok.length; i++) if (ok[i] != 0) put(ok[i], ov[i]); }
    }

    static Map<Long, String> strings = new HashMap<>();
    static Map<Long, String> classNames = new HashMap<>();
    static final class Cls { long id, sup, loader; long[] fieldNames; byte[] fieldTypes; long[] staticNames; long[] staticRefs; }
    static Map<Long, Cls> classes = new HashMap<>();
    static LongMap objects = new LongMap(1 << 22); // id -> offset of sub-record (after tag)
    static List<long[]> roots = new ArrayList<>(); // {id, type, a, b}
    static Map<Long, String> frames = new HashMap<>(); // frame id -> text
    static Map<Integer, String> classBySerial = new HashMap<>();
    static Map<Integer, long[]> traces = new HashMap<>(); // trace serial -> frame ids
    static Map<Integer, long[]> threadBySerial = new HashMap<>(); // thread serial -> {thread obj, trace serial}

    static int size(int type) {
        switch (type) { case 2: return idSize; case 4: case 8: return 1; case 5: case 9: return 2; case 6: case 10: return 4; case 7: case 11: return 8; }
        throw new IllegalStateException("type " + type);
    }

    public static void main(String[] a) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(a[0], "r"); FileChannel ch = f.getChannel()) {
            fileSize = ch.size();
            maps = new MappedByteBuffer[(int) ((fileSize + CHUNK - 1) / CHUNK)];
            for (int i = 0; i < maps.length; i++) maps[i] = ch.map(FileChannel.MapMode.READ_ONLY, i * CHUNK, Math.min(CHUNK + 64, fileSize - i * CHUNK));
            long p = 0; while (get(p) != 0) p++; p++;
            idSize = u4(p); p += 12;
            while (p < fileSize) {
                int tag = u1(p); long len = u4(p + 5) & 0xffffffffL; long body = p + 9; p = body + len;
                if (tag == 0x01) {
                    byte[] b = new byte[(int) len - idSize]; for (int i = 0; i < b.length; i++) b[i] = get(body + idSize + i);
                    strings.put(id(body), new String(b, java.nio.charset.StandardCharsets.UTF_8));
                } else if (tag == 0x04) {
                    frames.put(id(body), strings.get(id(body + idSize)) + " (" + strings.get(id(body + 3L * idSize)) + ":" + u4(body + 4L * idSize + 4) + ") #" + u4(body + 4L * idSize));
                } else if (tag == 0x05) {
                    int n = u4(body + 8); long[] fr = new long[n];
                    for (int i = 0; i < n; i++) fr[i] = id(body + 12 + (long) i * idSize);
                    traces.put(u4(body), fr);
                } else if (tag == 0x02) {
                    classBySerial.put(u4(body), strings.get(id(body + 8 + idSize)).replace('/', '.'));
                    classNames.put(id(body + 4), strings.get(id(body + 8 + idSize)).replace('/', '.'));
                } else if (tag == 0x0C || tag == 0x1C) {
                    heap(body, body + len);
                }
            }
        }
        System.err.println("objects " + objects.size + " classes " + classes.size() + " roots " + roots.size());
        // targets: ModuleClassLoader instances whose module's name contains a[1]
        Set<Long> targets = new HashSet<>();
        for (int i = 0; i < objects.keys.length; i++) {
            long o = objects.keys[i]; if (o == 0) continue;
            long off = objects.vals[i];
            if (u1(off) != 0x21) continue;
            long cls = id(off + 1 + idSize + 4);
            String n = classNames.get(cls);
            if (n != null && n.endsWith("ModuleClassLoader")) {
                long module = field(o, "module");
                if (module != 0) {
                    String name = describe(module);
                    if (name.contains(a[1])) { targets.add(o); System.out.println("loader 0x" + Long.toHexString(o) + " of " + name); }
                }
            }
        }
        for (long t : targets) {
            for (int i = 0; i < objects.keys.length; i++) {
                long w = objects.keys[i]; if (w == 0) continue; long off = objects.vals[i];
                if (u1(off) != 0x21) continue;
                if (!"java.lang.ref.WeakReference".equals(classNames.get(id(off + 1 + idSize + 4)))) continue;
                if (rawField(w, "referent") != t) continue;
                for (int j = 0; j < objects.keys.length; j++) {
                    long arr = objects.keys[j]; if (arr == 0) continue; long ao = objects.vals[j];
                    if (u1(ao) != 0x22) continue;
                    long n = u4(ao + 1 + idSize + 4) & 0xffffffffL; long base = ao + 1 + idSize + 8 + idSize;
                    for (long k = 0; k < n; k++) if (id(base + k * idSize) == w) System.out.println("0x" + Long.toHexString(t) + " is deployment " + (k + 1) + " of a weak list of " + n);
                }
            }
        }
        // BFS
        LongMap parent = new LongMap(1 << 22);
        ArrayDeque<Long> q = new ArrayDeque<>();
        Map<Long, long[]> rootOf = new HashMap<>();
        // the thread that took the dump: its frames up to the servlet's dumpHeap call (the JMX call's locals) are left out
        Map<Integer, Integer> dumping = new HashMap<>();
        for (Map.Entry<Integer, long[]> e : threadBySerial.entrySet()) {
            long[] f = traces.get((int) e.getValue()[1]);
            if (f == null) continue;
            boolean dumps = false;
            for (int i = 0; i < f.length; i++) {
                String frame = String.valueOf(frames.get(f[i]));
                dumps |= frame.startsWith("dumpHeap0");
                if (dumps && frame.startsWith("dumpHeap (DeploymentLoaders")) dumping.put(e.getKey(), i);
            }
        }
        if (System.getenv("KEEP_DUMPING_THREAD") != null) dumping.clear();
        System.out.println("leaving out the dump call's frames on thread(s) " + dumping.keySet());
        for (long[] r : roots) {
            if (r.length > 2 && dumping.containsKey((int) r[2]) && r[3] <= dumping.get((int) r[2])) continue;
            if (!parent.has(r[0]) && (objects.has(r[0]) || classes.containsKey(r[0]))) { parent.put(r[0], -2 - r[1]); q.add(r[0]); rootOf.put(r[0], r); }
        }
        rootInfo = rootOf;
        int found = 0;
        while (!q.isEmpty() && found < targets.size()) {
            long o = q.poll();
            if (targets.contains(o)) { found++; printPath(o, parent); }
            for (long ref : refs(o)) if (ref != 0 && !parent.has(ref) && (objects.has(ref) || classes.containsKey(ref))) { parent.put(ref, o); q.add(ref); }
        }
        for (long t : targets) if (!parent.has(t)) System.out.println("0x" + Long.toHexString(t) + ": not strongly reachable from a root");
    }

    static Map<Long, long[]> rootInfo;

    static void printPath(long o, LongMap parent) {
        List<Long> path = new ArrayList<>();
        long x = o; while (x >= 0) { path.add(x); x = parent.get(x); }
        System.out.println("\n== path to 0x" + Long.toHexString(o) + " from root type " + rootName((int) (-2 - x)));
        Collections.reverse(path);
        long[] r = rootInfo.get(path.get(0));
        if (r != null && r.length > 2) {
            long[] th = threadBySerial.get((int) r[2]);
            System.out.println("  root held by thread " + (th == null ? "?" : describe(th[0])) + " frame " + r[3]);
            if (th != null && traces.containsKey((int) th[1])) {
                long[] f = traces.get((int) th[1]);
                for (int i = (int) Math.max(0, r[3] - 3); i < Math.min(f.length, r[3] + 4); i++) System.out.println("    " + (i == r[3] ? ">> " : "   ") + frames.get(f[i]));
            }
        }
        for (int i = 0; i < path.size(); i++) {
            String via = i == 0 ? "" : edge(path.get(i - 1), path.get(i));
            System.out.println("  " + via + " -> " + describe(path.get(i)));
        }
    }

    static String rootName(int t) {
        switch (t) { case 0xff: return "unknown"; case 1: return "JNI global"; case 2: return "JNI local"; case 3: return "Java frame";
            case 4: return "native stack"; case 5: return "sticky class"; case 6: return "thread block"; case 7: return "monitor used"; case 8: return "thread object"; }
        return "?" + t;
    }

    static void heap(long p, long end) {
        while (p < end) {
            int t = u1(p); long s = p; p++;
            switch (t) {
                case 0xff: roots.add(new long[] {id(p), t}); p += idSize; break;
                case 0x01: roots.add(new long[] {id(p), t}); p += 2L * idSize; break;
                case 0x02: case 0x03: roots.add(new long[] {id(p), t, u4(p + idSize), u4(p + idSize + 4)}); p += idSize + 8; break;
                case 0x08: roots.add(new long[] {id(p), t}); threadBySerial.put(u4(p + idSize), new long[] {id(p), u4(p + idSize + 4)}); p += idSize + 8; break;
                case 0x04: case 0x06: roots.add(new long[] {id(p), t}); p += idSize + 4; break;
                case 0x05: case 0x07: roots.add(new long[] {id(p), t}); p += idSize; break;
                case 0x20: {
                    Cls c = new Cls(); c.id = id(p); p += idSize + 4; c.sup = id(p); p += idSize; c.loader = id(p); p += 5L * idSize + 4;
                    int cp = u2(p); p += 2;
                    for (int i = 0; i < cp; i++) { int ty = u1(p + 2); p += 3 + size(ty); }
                    int ns = u2(p); p += 2; List<Long> sn = new ArrayList<>(), sr = new ArrayList<>();
                    for (int i = 0; i < ns; i++) { long name = id(p); int ty = u1(p + idSize); if (ty == 2) { sn.add(name); sr.add(id(p + idSize + 1)); } p += idSize + 1 + size(ty); }
                    c.staticNames = sn.stream().mapToLong(Long::longValue).toArray(); c.staticRefs = sr.stream().mapToLong(Long::longValue).toArray();
                    int nf = u2(p); p += 2; c.fieldNames = new long[nf]; c.fieldTypes = new byte[nf];
                    for (int i = 0; i < nf; i++) { c.fieldNames[i] = id(p); c.fieldTypes[i] = (byte) u1(p + idSize); p += idSize + 1; }
                    classes.put(c.id, c); break;
                }
                case 0x21: { objects.put(id(p), s); p += idSize + 4 + idSize; long n = u4(p) & 0xffffffffL; p += 4 + n; break; }
                case 0x22: { objects.put(id(p), s); p += idSize + 4; long n = u4(p) & 0xffffffffL; p += 4 + idSize + n * idSize; break; }
                case 0x23: { objects.put(id(p), s); p += idSize + 4; long n = u4(p) & 0xffffffffL; int ty = u1(p + 4); p += 5 + n * size(ty); break; }
                default: throw new IllegalStateException("sub-record " + Integer.toHexString(t) + " at " + s);
            }
        }
    }

    static boolean isReference(long cls) {
        for (long c = cls; c != 0 && classes.containsKey(c); c = classes.get(c).sup) {
            String n = classNames.get(c);
            
            if ("java.lang.ref.Reference".equals(n)) return true;
        }
        return false;
    }

    /** strong references out of o, with names: returns parallel lists via labels */
    static List<Long> refs(long o) { List<String> l = new ArrayList<>(); return refs(o, l); }

    static List<Long> refs(long o, List<String> labels) {
        List<Long> out = new ArrayList<>();
        Cls k = classes.get(o);
        if (k != null && !objects.has(o)) {
            for (int i = 0; i < k.staticRefs.length; i++) { out.add(k.staticRefs[i]); labels.add("static " + strings.get(k.staticNames[i])); }
            out.add(k.loader); labels.add("<loader>");
            out.add(k.sup); labels.add("<super>");
            return out;
        }
        long off = objects.get(o);
        if (off < 0) return out;
        int t = u1(off); long p = off + 1 + idSize + 4;
        if (t == 0x21) {
            long cls = id(p); p += idSize; p += 4;
            out.add(cls); labels.add("<class>");
            boolean ref = isReference(cls);
            for (long c = cls; c != 0 && classes.containsKey(c); c = classes.get(c).sup) {
                Cls cc = classes.get(c);
                for (int i = 0; i < cc.fieldNames.length; i++) {
                    int ty = cc.fieldTypes[i];
                    if (ty == 2) {
                        String fn = strings.get(cc.fieldNames[i]);
                        if (!(ref && ("referent".equals(fn) || "discovered".equals(fn)))) { out.add(id(p)); labels.add("." + fn); }
                    }
                    p += size(ty);
                }
            }
        } else if (t == 0x22) {
            long n = u4(p) & 0xffffffffL; p += 4; out.add(id(p)); labels.add("<class>"); p += idSize;
            for (long i = 0; i < n; i++) { out.add(id(p + i * idSize)); labels.add("[" + i + "]"); }
        }
        return out;
    }

    static String edge(long from, long to) {
        List<String> labels = new ArrayList<>(); List<Long> r = refs(from, labels);
        for (int i = 0; i < r.size(); i++) if (r.get(i) == to) return labels.get(i);
        return "?";
    }

    /** a field's value, reference fields included */
    static long rawField(long o, String name) {
        long off = objects.get(o); long p = off + 1 + idSize + 4; long cls = id(p); p += idSize + 4;
        for (long c = cls; c != 0 && classes.containsKey(c); c = classes.get(c).sup) {
            Cls cc = classes.get(c);
            for (int i = 0; i < cc.fieldNames.length; i++) {
                if (cc.fieldTypes[i] == 2 && name.equals(strings.get(cc.fieldNames[i]))) return id(p);
                p += size(cc.fieldTypes[i]);
            }
        }
        return 0;
    }

    static long field(long o, String name) {
        List<String> labels = new ArrayList<>(); List<Long> r = refs(o, labels);
        for (int i = 0; i < r.size(); i++) if (labels.get(i).equals("." + name)) return r.get(i);
        return 0;
    }

    static String describe(long o) {
        if (classes.containsKey(o) && !objects.has(o)) return "class " + classNames.get(o);
        long off = objects.get(o);
        if (off < 0) return "0x" + Long.toHexString(o);
        int t = u1(off);
        if (t == 0x23) return "primitive[]";
        long cls = id(off + 1 + idSize + 4);
        String n = classNames.get(cls);
        String extra = "";
        if ("java.lang.String".equals(n)) extra = " \"" + string(o) + "\"";
        else if (t == 0x21) {
            for (String f : new String[] {"name", "identifier"}) {
                long v = field(o, f);
                if (v != 0) { String d = describe(v); if (d.length() < 200) extra += " " + f + "=" + d.replaceFirst("^java.lang.String ", ""); }
            }
        }
        return n + (t == 0x22 ? "" : "") + extra;
    }

    static String string(long o) {
        long v = field(o, "value");
        long off = objects.get(v);
        if (off < 0 || u1(off) != 0x23) return "?";
        long p = off + 1 + idSize + 4; int n = u4(p); int ty = u1(p + 4); p += 5;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(n, 120); i++) b.append(ty == 8 ? (char) u1(p + i) : (char) u2(p + 2L * i));
        return b.toString();
    }
}
