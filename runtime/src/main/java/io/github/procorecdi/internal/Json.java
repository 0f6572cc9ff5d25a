package io.github.procorecdi.internal;

import java.io.StringReader;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** Lenient JSON-P reading of Procore's answers, shared by the token endpoint and the API error mapping. */
public final class Json {
    private Json() {
    }

    /**
     * How deeply arrays and objects may nest in a body read here (token answers, API error bodies, webhook deliveries:
     * Procore's are a few levels deep). Checked before parsing: parsers limit nesting differently (Parsson throws a plain
     * {@code RuntimeException} past 1,000 levels, others overflow the stack), and 64 KiB holds 32,000 levels.
     */
    public static final int MAX_DEPTH = 100;

    /** @return the value, or {@code null} if {@code body} is blank, not JSON, or nested deeper than {@link #MAX_DEPTH} */
    public static JsonValue tryValue(String body) {
        if (body == null || body.isBlank() || tooDeep(body)) {
            return null;
        }
        try (JsonReader reader = jakarta.json.Json.createReader(new StringReader(body))) {
            return reader.readValue();
        } catch (RuntimeException e) { // JsonException, IllegalStateException, and whatever else a parser throws on bad input
            return null;
        }
    }

    /** @return whether arrays and objects in {@code body} nest deeper than {@link #MAX_DEPTH} (brackets in strings do not count) */
    public static boolean tooDeep(String body) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0, n = body.length(); i < n; i++) {
            char c = body.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                if (++depth > MAX_DEPTH) {
                    return true;
                }
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return false;
    }

    /** @return the parsed object, or {@code null} if the body is not a JSON object */
    public static JsonObject tryObject(String body) {
        return tryValue(body) instanceof JsonObject o ? o : null;
    }

    /** @return member {@code name} as text (strings, and numbers as written), else {@code null} */
    public static String string(JsonObject json, String name) {
        JsonValue v = json.get(name);
        if (v instanceof JsonString s) {
            return s.getString();
        }
        if (v instanceof JsonNumber n) {
            return n.toString();
        }
        return null;
    }

    /** @return {@code text} without control characters, cut to {@code max} characters: safe to put in a message */
    public static String printable(String text, int max) {
        StringBuilder sb = new StringBuilder(Math.min(text.length(), max));
        for (int i = 0; i < text.length() && sb.length() < max; i++) {
            char c = text.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        return text.length() > max ? sb.append("...").toString() : sb.toString();
    }
}
