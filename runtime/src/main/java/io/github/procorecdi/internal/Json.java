package io.github.procorecdi.internal;

import java.io.StringReader;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** Lenient JSON-P reading of Procore's answers, shared by the token endpoint and the API error mapping. */
public final class Json {
    private Json() {
    }

    /** @return the value, or {@code null} if {@code body} is blank or not JSON */
    public static JsonValue tryValue(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try (JsonReader reader = jakarta.json.Json.createReader(new StringReader(body))) {
            return reader.readValue();
        } catch (JsonException | IllegalStateException e) {
            return null;
        }
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
