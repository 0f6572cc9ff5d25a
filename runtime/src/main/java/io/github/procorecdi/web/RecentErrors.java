package io.github.procorecdi.web;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last warnings and errors procore-cdi logged (at most {@link #MAX}), with their message ids, for the status page.
 * Attached to the {@code io.github.procorecdi} logger while a status page is served, detached when the web filter is
 * destroyed (nothing of an undeployed application stays on the JVM's loggers). procore-cdi logs no secret, so none is
 * shown.
 */
final class RecentErrors extends Handler {
    static final int MAX = 20;
    private static final Pattern ID = Pattern.compile("^(PROCORE\\d{4})\\b\\s*(.*)$", Pattern.DOTALL);
    private static final int MAX_MESSAGE = 500;

    /** One logged warning or error. */
    record Entry(Instant at, String level, String id, String message) {
    }

    private final Logger logger = Logger.getLogger("io.github.procorecdi");
    private final SimpleFormatter formatter = new SimpleFormatter();
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();

    RecentErrors() {
        setLevel(Level.WARNING);
    }

    RecentErrors attach() {
        logger.addHandler(this);
        return this;
    }

    @Override
    public void publish(LogRecord record) {
        if (record == null || record.getLevel().intValue() < Level.WARNING.intValue()) {
            return;
        }
        String text;
        try {
            text = formatter.formatMessage(record);
        } catch (RuntimeException e) {
            text = String.valueOf(record.getMessage());
        }
        String id = "";
        Matcher m = ID.matcher(text);
        if (m.matches()) {
            id = m.group(1);
            text = m.group(2);
        }
        if (text.length() > MAX_MESSAGE) {
            text = text.substring(0, MAX_MESSAGE) + "...";
        }
        Entry entry = new Entry(record.getInstant(), record.getLevel().getName(), id, text);
        synchronized (entries) {
            entries.addFirst(entry);
            while (entries.size() > MAX) {
                entries.removeLast();
            }
        }
    }

    /** @return the entries, newest first */
    List<Entry> entries() {
        synchronized (entries) {
            return new ArrayList<>(entries);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
