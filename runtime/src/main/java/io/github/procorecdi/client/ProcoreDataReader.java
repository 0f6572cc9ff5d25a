package io.github.procorecdi.client;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

import io.github.procorecdi.ProcoreData;
import io.github.procorecdi.internal.Json;
import io.github.procorecdi.internal.JsonBinding;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;

/** Reads {@code {"data": ...}} into {@link ProcoreData} of the declared payload type (the same on every JAX-RS implementation). */
final class ProcoreDataReader implements MessageBodyReader<ProcoreData<?>> {

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == ProcoreData.class;
    }

    @Override
    public ProcoreData<?> readFrom(Class<ProcoreData<?>> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                                   MultivaluedMap<String, String> headers, InputStream entity) throws IOException {
        String text = new String(entity.readAllBytes(), StandardCharsets.UTF_8);
        JsonObject json = Json.tryObject(text);
        if (json == null || !json.containsKey("data")) {
            throw new ProcessingException("a REST v2 answer without its {\"data\": ...} envelope (" + text.length() + " bytes)");
        }
        JsonValue data = json.get("data");
        Type payload = genericType instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
        return new ProcoreData<>(data.getValueType() == JsonValue.ValueType.NULL ? null
                : JsonBinding.jsonb().fromJson(data.toString(), payload));
    }
}
