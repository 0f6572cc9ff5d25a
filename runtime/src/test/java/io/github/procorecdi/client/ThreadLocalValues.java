package io.github.procorecdi.client;

import java.lang.ref.Reference;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

/**
 * The values a thread holds in its {@code ThreadLocal}s, read as a server's leak check reads them (Tomcat's and
 * Payara's class loaders walk {@code Thread.threadLocals} at undeploy). Needs {@code --add-opens java.base/java.lang}.
 */
final class ThreadLocalValues {
    private ThreadLocalValues() {
    }

    /** @return the non-null values of {@code thread}'s thread-locals */
    static List<Object> of(Thread thread) throws ReflectiveOperationException {
        Field mapField = Thread.class.getDeclaredField("threadLocals");
        mapField.setAccessible(true);
        Object map = mapField.get(thread);
        List<Object> values = new ArrayList<>();
        if (map == null) {
            return values;
        }
        Field tableField = map.getClass().getDeclaredField("table");
        tableField.setAccessible(true);
        Object table = tableField.get(map);
        for (int i = 0; i < Array.getLength(table); i++) {
            Object entry = Array.get(table, i);
            if (entry == null) {
                continue;
            }
            Field valueField = entry.getClass().getDeclaredField("value");
            valueField.setAccessible(true);
            Object value = valueField.get(entry);
            if (value != null) {
                values.add(value);
            }
            Object key = ((Reference<?>) entry).get();
            if (key != null && key.getClass().getName().startsWith("io.github.procorecdi.")) {
                values.add(key); // a ThreadLocal subclass of ours would pin our class loader too
            }
        }
        return values;
    }

    /** @return the values of {@code thread}'s thread-locals whose class is one of procore-cdi's */
    static List<Object> ofProcoreCdi(Thread thread) throws ReflectiveOperationException {
        List<Object> ours = new ArrayList<>();
        for (Object value : of(thread)) {
            if (value.getClass().getName().startsWith("io.github.procorecdi.")) {
                ours.add(value);
            }
        }
        return ours;
    }
}
