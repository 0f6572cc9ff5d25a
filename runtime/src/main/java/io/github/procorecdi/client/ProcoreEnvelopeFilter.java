package io.github.procorecdi.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

import io.github.procorecdi.ProcoreData;
import io.github.procorecdi.internal.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.core.Response;

/**
 * Unwraps REST v2's {@code {"data": ...}} envelope for interface methods on {@code /rest/v2.x/...} paths that declare
 * the payload type itself. Methods returning {@link ProcoreData} (or a raw {@link Response}, or JSON-P types) get
 * the answer as Procore sent it. The invoked method is the MicroProfile Rest Client request property
 * {@value #INVOKED_METHOD}.
 */
final class ProcoreEnvelopeFilter implements ClientResponseFilter {
    static final String INVOKED_METHOD = "org.eclipse.microprofile.rest.client.invokedMethod";
    private static final Pattern V2 = Pattern.compile("/rest/v2\\.\\d+(/|$)");

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) throws IOException {
        int status = response.getStatus();
        if (status < 200 || status >= 300) {
            return;
        }
        String path = request.getUri().getRawPath();
        // indexOf allocates nothing: v1 answers (the common case) never reach the regex
        if (path == null || !path.contains("/rest/v2.") || !V2.matcher(path).find() || !response.hasEntity()) {
            return;
        }
        if (!(request.getProperty(INVOKED_METHOD) instanceof Method method) || keepsEnvelope(method.getGenericReturnType())) {
            return;
        }
        byte[] body = response.getEntityStream().readAllBytes(); // not closed: that would close the response itself
        String text = new String(body, StandardCharsets.UTF_8);
        JsonObject json = Json.tryObject(text);
        JsonValue data = json == null ? null : json.get("data");
        response.setEntityStream(new ByteArrayInputStream(data == null ? body : data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** @return whether the declared type wants the whole answer */
    static boolean keepsEnvelope(Type type) {
        Type t = type;
        if (t instanceof ParameterizedType p && p.getRawType() == CompletionStage.class) {
            t = p.getActualTypeArguments()[0];
        }
        Class<?> raw = t instanceof Class<?> c ? c : t instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c ? c : Object.class;
        return raw == ProcoreData.class || Response.class.isAssignableFrom(raw) || JsonValue.class.isAssignableFrom(raw)
                || raw == String.class || raw == InputStream.class || raw == byte[].class || raw == void.class || raw == Void.class;
    }
}
