package io.github.procorecdi.helidon.bridge;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Helidon MP 4 has no Servlet container: this JAX-RS resource serves the test application's {@code @WebServlet}
 * pages (GET) by calling the very same servlet classes, beans there ({@link ServletTypes}), with a minimal request and
 * response. The servlets are listed in the system property {@code procore.it.servlets} (class names, comma-separated).
 */
@ApplicationScoped
@Path("/procore-it")
public class ServletBridge {
    private final Map<String, HttpServlet> byPath = new HashMap<>();

    @GET
    @Path("{path: .*}")
    public Response get(@PathParam("path") String path, @Context UriInfo uri) throws Exception {
        String servletPath = "/" + path;
        HttpServlet servlet = servlet(servletPath);
        if (servlet == null) {
            return Response.status(404).entity("no servlet at " + servletPath).build();
        }
        Map<String, List<String>> query = uri.getQueryParameters();
        StringWriter body = new StringWriter();
        PrintWriter writer = new PrintWriter(body);
        int[] status = {200};
        String[] contentType = {"text/plain;charset=UTF-8"};
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (p, m, a) -> switch (m.getName()) {
                    case "getServletPath" -> servletPath;
                    case "getMethod" -> "GET";
                    case "getProtocol" -> "HTTP/1.1";
                    case "getParameter" -> query.containsKey((String) a[0]) ? query.get((String) a[0]).get(0) : null;
                    case "getDateHeader", "getIntHeader" -> -1L;
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == a[0];
                    case "toString" -> "GET " + servletPath;
                    default -> null;
                });
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (p, m, a) -> {
                    switch (m.getName()) {
                        case "getWriter" -> {
                            return writer;
                        }
                        case "setStatus" -> status[0] = (Integer) a[0];
                        case "sendError" -> {
                            status[0] = (Integer) a[0];
                            if (a.length > 1) {
                                writer.write((String) a[1]);
                            }
                        }
                        case "setContentType" -> contentType[0] = (String) a[0];
                        case "isCommitted" -> {
                            return false;
                        }
                        case "hashCode" -> {
                            return System.identityHashCode(p);
                        }
                        case "equals" -> {
                            return p == a[0];
                        }
                        default -> {
                            return null;
                        }
                    }
                    return null;
                });
        servlet.service(request, response);
        writer.flush();
        return Response.status(status[0]).type(contentType[0]).entity(body.toString()).build();
    }

    private synchronized HttpServlet servlet(String servletPath) throws ClassNotFoundException {
        if (byPath.isEmpty()) {
            for (String name : System.getProperty("procore.it.servlets", "").split(",")) {
                if (name.isBlank()) {
                    continue;
                }
                Class<?> type = Class.forName(name.trim(), true, Thread.currentThread().getContextClassLoader());
                WebServlet mapping = type.getAnnotation(WebServlet.class);
                HttpServlet instance = (HttpServlet) jakarta.enterprise.inject.spi.CDI.current().select(type).get();
                for (String p : mapping.urlPatterns()) {
                    byPath.put(p, instance);
                }
                for (String p : mapping.value()) {
                    byPath.put(p, instance);
                }
            }
        }
        return byPath.get(servletPath);
    }
}
